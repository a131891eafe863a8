// Start Swagger UI on the API's OpenAPI document (served locally; no CDN).
window.SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  tryItOutEnabled: true,
});
