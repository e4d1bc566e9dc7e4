"""Turkish translations of the demo content (order of ``SOURCES``)."""

TRANSLATIONS = [
    "Çevrimiçi anket: Monheim am Rhein'da birlikte yaşam",
    (
        "Monheim am Rhein'da nelerin iyi gittiğini ve nelerin değişmesi gerektiğini birkaç dakika içinde bize "
        "söyleyin. Anket anonimdir."
    ),
    (
        "Cevaplarımın şehrin uyum konseptinin güncellenmesi için değerlendirilmesini kabul ediyorum. Cevaplarım "
        "bir kod altında kaydedilir ve yalnızca özet olarak yayımlanır. Onayımı istediğim zaman geri alabilirim; o "
        "zaman cevaplarım silinir."
    ),
    "Görüşünüz",
    "Monheim am Rhein'da herkesin iyi bir arada yaşayabilmesi için ne değişmeli?",
    "Şu anda neler iyi gidiyor?",
    "Semtinizde kendinizi ne kadar rahat hissediyorsunuz?",
    "hiç rahat değil",
    "çok rahat",
    "18 yaş altı",
    "65 yaş ve üzeri",
    "Uyum konsepti üzerine karar vericiler çalıştayı",
    (
        "Bugün uyum konseptine hangi hedeflerin gireceğine siz de karar veriyorsunuz. 5 puanınız var; bir hedef en "
        "fazla 2 puan alabilir. Ardından önlemler için kendi fikirlerinizi önerebilirsiniz."
    ),
    "Sizin için en önemli hedefler hangileri?",
    "Önlemler için fikirleriniz",
    "Farklı kökenlerden insanlar günlük yaşamda eşit koşullarda karşılaşır ve birbirleriyle konuşur.",
    "Her yıl her semtte tanışma şenlikleri ve diyalog akşamları düzenlenir.",
    "Kiliseler ile cami cemaatleri arasındaki dinlerarası diyalog kalıcı hâle gelmiştir.",
    "Dil rehberliği sunan, herkese açık buluşma yerleri olarak semt kafeleri",
    "Göç geçmişi olan insanların ve onlar için yapılan gönüllü katılım güçlendirilir ve takdir edilir.",
    "Gönüllüler kültürlerarası eğitim alır ve düzenli olarak desteklenir.",
    "Göç geçmişi olan daha fazla insan derneklerde ve girişimlerde gönüllü çalışır.",
    "Gönüllüler ile profesyonel çalışanlar arasındaki paylaşım platformunu geliştirmek",
    "Dernekler, yönetim ve kurumlar kültürlerarası açılım gösterir ve şehrin çeşitliliğini yansıtır.",
    "Belediye, göç geçmişi olan daha fazla stajyer/çırak alır.",
    "Belediyenin bilgileri kolay dilde ve en yaygın köken dillerinde sunulur.",
    "Dernek yönetimleri için kültürlerarası yetkinlik eğitim dizisi",
    "Tüm çocuklar ve gençler en başından eşit eğitim fırsatlarına sahiptir; Almanca erken yaşta desteklenir.",
    "Desteğe ihtiyacı olan her çocuk okula başlamadan önce günlük yaşamla bütünleşik dil desteği alır.",
    "Göç geçmişi olan ebeveynler kolayca kreş yeri bulur ve kreş ile okula katılırlar.",
    "Ev arayan ailelere uygun fiyatlı konut bulmada destek olunur.",
    "Kreşlerde ve ilkokullarda tercümanlı veli kafeleri",
    "Göçmenler yeteneklerine ve diplomalarına uygun bir iş bulur.",
    "Yurt dışında alınan meslek diplomaları daha hızlı tanınır; bir danışma merkezi bu konuda bilgi verir.",
    "Çocuk bakımı sunan mesleki dil kursları oturulan yere yakın sunulur.",
    "Staj ve meslek eğitimi için işletmeler ile mülteciler arasında rehberlik ortaklıkları",
    "Başarılı bir birlikte yaşam için çalışmak – diyalog kültürünü geliştirmek",
    "Gönüllü katılımın güçlendirilmesi",
    "Sivil toplum kuruluşlarının, derneklerin ve grupların kültürlerarası açılımı",
    "Eğitim ve önleme",
    "İş piyasasına uyum",
    "Gönüllü çalışma",
    "Bağımsız sosyal yardım kuruluşları",
    "Uyum meclisi",
    "Gençlik meclisi",
    "Göç geçmişi olan vatandaşlar",
    "Cami cemaatleri",
    "Göçmen örgütleri",
    "Belediye yönetimi",
]
