// Aikagi pages work without script; this file only adds the copy and print buttons and follows the
// link back to an application after a login.
// Loaded from 'self' (the Content-Security-Policy allows no inline script).
(function () {
  'use strict';

  function unusedCodes() {
    var items = document.querySelectorAll('#backup-codes li.backup-code:not(.used) .code');
    return Array.prototype.map.call(items, function (el) { return el.textContent.trim(); });
  }

  function announce(text) {
    var status = document.getElementById('copy-status');
    if (status) {
      status.textContent = text;
    }
  }

  function copyWithSelection(text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen-copy';
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand('copy');
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  function setUpCopy() {
    var button = document.getElementById('copy-codes');
    if (!button) {
      return;
    }
    button.hidden = false;
    button.addEventListener('click', function () {
      var text = unusedCodes().join('\n');
      var done = function () { announce(button.getAttribute('data-copied')); };
      var failed = function () {
        if (copyWithSelection(text)) {
          done();
        } else {
          announce(button.getAttribute('data-copy-failed'));
        }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, failed);
      } else {
        failed();
      }
    });
  }

  function setUpPrint() {
    var buttons = document.querySelectorAll('.js-print');
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener('click', function () { window.print(); });
    });
  }

  // After a login an application asked for: go back to it at once (the link does the same without script).
  function followOnLoad() {
    var link = document.querySelector('a[data-follow-on-load]');
    if (link) {
      window.location.replace(link.href);
    }
  }

  // "You can ask for another in 0:27" (issue 17): the server wrote the wait to the second; count it down and keep
  // the send buttons disabled until 0. Without script the buttons stay enabled and the server answers the same.
  function setUpSendAgainCountdown() {
    var wait = document.getElementById('send-again-wait');
    if (!wait) {
      return;
    }
    var left = parseInt(wait.getAttribute('data-seconds'), 10);
    var shown = document.getElementById('send-again-countdown');
    var buttons = document.querySelectorAll('button[data-send-again]');
    if (!(left > 0)) {
      return;
    }
    var end = Date.now() + left * 1000;
    Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
    function pad(n) { return n < 10 ? '0' + n : String(n); }
    var timer = window.setInterval(function () {
      var seconds = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      if (shown) {
        shown.textContent = Math.floor(seconds / 60) + ':' + pad(seconds % 60);
      }
      if (seconds === 0) {
        window.clearInterval(timer);
        wait.textContent = wait.getAttribute('data-ready');
        Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
      }
    }, 250);
  }

  // A form sends once (issue 17): its submit buttons are disabled while it is sending, so a second tap does not
  // send it twice; back/forward (the page restored from the cache) enables them again.
  function setUpSendOnce() {
    document.addEventListener('submit', function (event) {
      var form = event.target;
      if (form.getAttribute('data-sending') === 'true') {
        event.preventDefault();
        return;
      }
      form.setAttribute('data-sending', 'true');
      var buttons = form.querySelectorAll('button[type="submit"], button:not([type]), input[type="submit"]');
      // Disabled after this turn, so that the button pressed is still sent with the form (name=value pairs).
      window.setTimeout(function () {
        Array.prototype.forEach.call(buttons, function (b) {
          b.disabled = true;
          b.setAttribute('aria-disabled', 'true');
        });
      }, 0);
    });
    window.addEventListener('pageshow', function () {
      Array.prototype.forEach.call(document.querySelectorAll('form[data-sending]'), function (form) {
        form.removeAttribute('data-sending');
        Array.prototype.forEach.call(form.querySelectorAll('[aria-disabled="true"]'), function (b) {
          b.disabled = false;
          b.removeAttribute('aria-disabled');
        });
      });
    });
  }

  // After a refused form (issue 17): focus the error summary (which the invalid fields point at with
  // aria-describedby), else the first field marked invalid, so that a keyboard or screen-reader user lands on what
  // went wrong. The server sets autofocus there too; this covers browsers that ignore autofocus.
  function focusError() {
    var target = document.getElementById('form-error') || document.querySelector('[aria-invalid="true"]');
    if (target && document.activeElement !== target) {
      target.focus();
    }
  }

  // Times on the pages in the reader's zone (issue 17): tell the server the browser's zone for the next pages. The
  // server takes only a zone id it knows; a zone chosen on the security page wins over this.
  function reportTimeZone() {
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      return;
    }
    if (!zone || zone.length > 64) {
      return;
    }
    var value = encodeURIComponent(zone);
    if (document.cookie.split('; ').indexOf('aikagi_tz=' + value) >= 0) {
      return;
    }
    document.cookie = 'aikagi_tz=' + value + '; path=/; max-age=31536000; samesite=lax' +
      (window.location.protocol === 'https:' ? '; secure' : '');
  }

  document.addEventListener('DOMContentLoaded', function () {
    reportTimeZone();
    setUpCopy();
    setUpPrint();
    followOnLoad();
    setUpSendAgainCountdown();
    setUpSendOnce();
    focusError();
  });
}());
