// Start Swagger UI on the API's OpenAPI document (a file of its own: the CSP allows no inline script).
(function () {
  "use strict";
  var target = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: target.getAttribute("data-openapi-url"),
    domNode: target,
    deepLinking: true,
    validatorUrl: null,
    tryItOutEnabled: false,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
})();
