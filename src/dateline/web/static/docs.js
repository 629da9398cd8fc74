// The API page: Swagger UI from the package over this server's OpenAPI document, no validator badge
// (it would call another host). A file of its own, not an inline script: the pages' CSP allows only 'self'.
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
});
