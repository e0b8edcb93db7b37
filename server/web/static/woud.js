/* global document */
// Woud: small progressive enhancements on top of htmx. The pages work without this file.
document.addEventListener('htmx:afterSwap', function (e) {
  // After a partial update with errors, move focus to the error summary so screen readers announce it.
  var summary = e.target && e.target.querySelector ? e.target.querySelector('.woud-error-summary') : null
  if (summary) summary.focus()
})

// A partial update the server refused with anything but a 400 (which comes back as the fragment with its messages)
// is not swapped: say so at the top of the page instead of leaving the user with a button that seemed to do nothing.
var MESSAGES = {
  401: 'U bent afgemeld. Meld u opnieuw aan; er is niets opgeslagen.',
  403: 'U heeft geen toestemming voor deze wijziging; er is niets opgeslagen.',
  404: 'Deze gegevens bestaan niet (meer); er is niets opgeslagen. Laad de pagina opnieuw.',
  409: 'Iemand anders heeft dit intussen gewijzigd; er is niets opgeslagen. Laad de pagina opnieuw.',
  412: 'Iemand anders heeft dit intussen gewijzigd; er is niets opgeslagen. Laad de pagina opnieuw.',
  429: 'Te veel pogingen. Wacht even en probeer het opnieuw.',
  503: 'De database is even bezet door een andere schrijfactie; er is niets opgeslagen. Probeer het zo opnieuw.',
}

function showError(text) {
  var main = document.getElementById('inhoud')
  if (!main) return
  var box = document.getElementById('woud-fout')
  if (!box) {
    box = document.createElement('div')
    box.id = 'woud-fout'
    box.className = 'utrecht-alert utrecht-alert--error woud-alert'
    box.setAttribute('role', 'alert')
    box.tabIndex = -1
    var heading = main.querySelector('h1')
    main.insertBefore(box, heading ? heading.nextSibling : main.firstChild)
  }
  box.textContent = text
  box.focus()
}

document.addEventListener('htmx:responseError', function (e) {
  var status = e.detail && e.detail.xhr ? e.detail.xhr.status : 0
  showError(MESSAGES[status] || 'Er ging iets mis op de server; er is niets opgeslagen. Probeer het opnieuw.')
})

document.addEventListener('htmx:sendError', function () {
  showError('Geen verbinding met Woud; er is niets opgeslagen. Controleer de verbinding en probeer het opnieuw.')
})

document.addEventListener('htmx:beforeRequest', function () {
  // A new attempt clears the previous message.
  var box = document.getElementById('woud-fout')
  if (box) box.remove()
})
