// Passkeys (issue 17): runs the WebAuthn ceremony of the page's form and posts the authenticator's answer in its
// JSON form (RegistrationResponseJSON / AuthenticationResponseJSON). The options come from the server in the form's
// data-passkey-options (WebAuthn JSON forms). Loaded from 'self' (the Content-Security-Policy allows no inline script).
(function () {
  'use strict';

  function toBuffer(text) {
    var base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) {
      base64 += '=';
    }
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function descriptors(list) {
    return (list || []).map(function (c) { return { type: c.type, id: toBuffer(c.id) }; });
  }

  function creationOptions(o) {
    return {
      challenge: toBuffer(o.challenge),
      rp: o.rp,
      user: { id: toBuffer(o.user.id), name: o.user.name, displayName: o.user.displayName },
      pubKeyCredParams: o.pubKeyCredParams,
      timeout: o.timeout,
      excludeCredentials: descriptors(o.excludeCredentials),
      authenticatorSelection: o.authenticatorSelection,
      attestation: o.attestation
    };
  }

  function requestOptions(o) {
    return {
      challenge: toBuffer(o.challenge),
      rpId: o.rpId,
      timeout: o.timeout,
      allowCredentials: descriptors(o.allowCredentials),
      userVerification: o.userVerification
    };
  }

  function answer(credential) {
    var r = credential.response;
    var response = { clientDataJSON: toText(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toText(r.attestationObject);
      response.transports = r.getTransports ? r.getTransports() : [];
    } else {
      response.authenticatorData = toText(r.authenticatorData);
      response.signature = toText(r.signature);
      if (r.userHandle) {
        response.userHandle = toText(r.userHandle);
      }
    }
    return {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      response: response,
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
      authenticatorAttachment: credential.authenticatorAttachment || undefined
    };
  }

  function setUp() {
    var form = document.getElementById('passkey-form');
    var button = document.getElementById('passkey-start');
    if (!form || !button || !window.PublicKeyCredential || !navigator.credentials) {
      return;
    }
    var unsupported = document.getElementById('passkey-unsupported');
    if (unsupported) {
      unsupported.hidden = true;
    }
    button.hidden = false;
    var options = JSON.parse(form.getAttribute('data-passkey-options'));
    var create = form.getAttribute('data-passkey-ceremony') === 'create';
    var error = document.getElementById('passkey-error');
    button.addEventListener('click', function () {
      button.disabled = true;
      error.hidden = true;
      var asked = create
        ? navigator.credentials.create({ publicKey: creationOptions(options) })
        : navigator.credentials.get({ publicKey: requestOptions(options) });
      asked.then(function (credential) {
        form.elements.credential.value = JSON.stringify(answer(credential));
        form.submit();
      }, function () {
        error.textContent = form.getAttribute('data-passkey-failed');
        error.hidden = false;
        button.disabled = false;
        button.focus();
      });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', setUp);
  } else {
    setUp();
  }
}());
