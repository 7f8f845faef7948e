/* The wait before a new code may be asked for, ticking (templates/_fields.html, resend_form).
   A file, not inline: the pages' CSP is script-src 'self'. Without JavaScript the page says
   the wait once and the server refuses an early press with the wait left, so nothing here
   is needed to sign in. */
(function () {
  "use strict";

  // As idp/web/i18n.py format_wait: 45 → "0:45", 3725 → "1:02:05".
  function formatWait(seconds) {
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    var secs = seconds % 60;
    var mm = hours ? String(minutes).padStart(2, "0") : String(minutes);
    return (hours ? hours + ":" : "") + mm + ":" + String(secs).padStart(2, "0");
  }

  function start(status) {
    var form = status.closest("form");
    var button = form && form.querySelector("button[type=submit]");
    var deadline = Date.now() + parseInt(status.dataset.countdown, 10) * 1000;

    function tick() {
      var left = Math.ceil((deadline - Date.now()) / 1000);
      if (left > 0) {
        status.textContent = status.dataset.template.replace("{wait}", formatWait(left));
        if (button) button.disabled = true;
        // Wake on the next whole second of the deadline, so the figure never skips one.
        setTimeout(tick, ((deadline - Date.now()) % 1000) || 1000);
        return;
      }
      status.textContent = status.dataset.ready;
      status.classList.remove("error");
      status.removeAttribute("role");
      if (button) button.disabled = false;
    }

    tick();
  }

  document.querySelectorAll("[data-countdown]").forEach(start);
})();
