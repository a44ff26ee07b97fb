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

  document.addEventListener('DOMContentLoaded', function () {
    setUpCopy();
    setUpPrint();
    followOnLoad();
  });
}());
