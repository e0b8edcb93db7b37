/* global document */
// Woud: small progressive enhancements on top of htmx. The pages work without this file.
document.addEventListener('htmx:afterSwap', function (e) {
  // After a partial update with errors, move focus to the error summary so screen readers announce it.
  var summary = e.target && e.target.querySelector ? e.target.querySelector('.woud-error-summary') : null
  if (summary) summary.focus()
})
