/**
 * The API reference page. Swagger UI's assets are copied into the web build (web/vendor) so the
 * page works on a bank's closed network: nothing is loaded from a CDN.
 */
export function apiDocsPage(specUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · Branch feedback platform</title>
<link rel="stylesheet" href="/vendor/swagger-ui/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/vendor/swagger-ui/init.js" data-spec-url="${specUrl}"></script>
</body>
</html>`;
}
