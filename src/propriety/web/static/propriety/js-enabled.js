// Marks the page as able to run GOV.UK Frontend, before it is drawn (loaded
// as a classic script at the top of <body>). An external file rather than an
// inline script, so the Content-Security-Policy can forbid inline script.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
