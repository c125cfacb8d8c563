// Starts Swagger UI on the API reference page; the spec URL comes from the script tag.
window.ui = SwaggerUIBundle({
  url: document.currentScript.dataset.specUrl,
  dom_id: '#swagger-ui',
  deepLinking: true,
});
