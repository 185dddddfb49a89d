// The API documentation page: Swagger UI (static/vendor/swagger-ui) on the schema URL given
// in a data attribute (the CSP forbids inline script).
(function () {
  "use strict";
  var node = document.getElementById("swagger-ui");
  if (!node || !window.SwaggerUIBundle) return;
  window.ui = window.SwaggerUIBundle({
    url: node.dataset.schemaUrl,
    domNode: node,
    deepLinking: false,
    supportedSubmitMethods: ["get"],
  });
})();
