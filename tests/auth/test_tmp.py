from app.extensions import db, security
from app.auth.models import User
def test_x(app, make_user):
    u = make_user(roles=("author",))
    u.active = False
    security.datastore.set_uniquifier(u)
    db.session.commit()
    db.session.expire_all()
    print("active", db.session.get(User, u.id).active)
    c = app.test_client()
    r = c.post("/login", data={"email": u.email, "password": "correct-horse-battery"})
    print(r.status_code, r.headers.get("Location"))
