// Aikagi single-page app sample: a public OpenID Connect client in the browser, no library and no build step.
// The authorization code flow with PKCE (RFC 7636), the ID token's signature checked with the issuer's JWKS,
// userinfo with the access token, and logout by revoking the tokens (RFC 7009) and ending the Aikagi session
// (RP-initiated logout). Aikagi must list this page's origin in the client's allowed-origins (CORS).
'use strict';

const state = { config: null, provider: null };
const $ = (id) => document.getElementById(id);

function b64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function b64urlDecode(text) {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

function random() {
  return b64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function sha256(text) {
  return b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

function show(signedIn) {
  $('signed-in').hidden = !signedIn;
  $('signed-out').hidden = signedIn;
}

function fail(message) {
  $('error').textContent = message;
  $('error').hidden = false;
  $('status').textContent = 'Not signed in.';
  show(false);
}

async function login() {
  const verifier = random();
  const request = { verifier, state: random(), nonce: random() };
  sessionStorage.setItem('aikagi.request', JSON.stringify(request));
  const url = new URL(state.provider.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: state.config.clientId,
    redirect_uri: state.config.redirectUri,
    scope: 'openid profile email',
    state: request.state,
    nonce: request.nonce,
    code_challenge: await sha256(verifier),
    code_challenge_method: 'S256',
    ui_locales: navigator.language || 'en',
  }).toString();
  location.assign(url.toString());
}

/** Checks the ID token as OpenID Connect Core §3.1.3.7 asks: signature (JWKS), iss, aud, exp, nonce. */
async function verifyIdToken(idToken, nonce) {
  const [header64, payload64, signature64] = idToken.split('.');
  const header = JSON.parse(new TextDecoder().decode(b64urlDecode(header64)));
  const claims = JSON.parse(new TextDecoder().decode(b64urlDecode(payload64)));
  const jwks = await (await fetch(state.provider.jwks_uri)).json();
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk || header.alg !== 'RS256') {
    throw new Error('no key for the ID token');
  }
  const key = await crypto.subtle.importKey('jwk', jwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
  const signed = new TextEncoder().encode(header64 + '.' + payload64);
  if (!await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, b64urlDecode(signature64), signed)) {
    throw new Error('the ID token signature does not verify');
  }
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (claims.iss !== state.provider.issuer || !audience.includes(state.config.clientId)
      || claims.exp * 1000 < Date.now() || claims.nonce !== nonce) {
    throw new Error('the ID token is not for this login');
  }
  return claims;
}

async function callback(params) {
  const request = JSON.parse(sessionStorage.getItem('aikagi.request') || 'null');
  sessionStorage.removeItem('aikagi.request');
  history.replaceState(null, '', state.config.redirectUri);
  if (params.has('error')) {
    return fail('Aikagi answered ' + params.get('error') + (params.has('error_description')
      ? ': ' + params.get('error_description') : ''));
  }
  if (!request || params.get('state') !== request.state) {
    return fail('This answer is not for a login this page started.');
  }
  const response = await fetch(state.provider.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: state.config.redirectUri,
      client_id: state.config.clientId,
      code_verifier: request.verifier,
    }),
  });
  const tokens = await response.json();
  if (!response.ok) {
    return fail('The token endpoint answered ' + tokens.error);
  }
  const claims = await verifyIdToken(tokens.id_token, request.nonce);
  sessionStorage.setItem('aikagi.tokens', JSON.stringify(tokens));
  await signedIn(tokens, claims);
}

async function signedIn(tokens, claims) {
  const answer = await fetch(state.provider.userinfo_endpoint, {
    headers: { Authorization: 'Bearer ' + tokens.access_token },
  });
  if (!answer.ok) {
    sessionStorage.removeItem('aikagi.tokens');
    return fail('Userinfo answered ' + answer.status + ' ' + (answer.headers.get('WWW-Authenticate') || ''));
  }
  const user = await answer.json();
  $('username').textContent = user.preferred_username || '';
  $('sub').textContent = user.sub;
  $('amr').textContent = (claims.amr || []).join(' ');
  $('acr').textContent = claims.acr || '';
  $('status').textContent = 'Signed in as ' + (user.preferred_username || user.sub) + '.';
  show(true);
}

async function logout() {
  const tokens = JSON.parse(sessionStorage.getItem('aikagi.tokens') || 'null');
  sessionStorage.removeItem('aikagi.tokens');
  if (!tokens) {
    return show(false);
  }
  // The access token stops at once; the refresh token and the rest stop with the Aikagi session ended next.
  await fetch(state.provider.revocation_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: tokens.access_token, token_type_hint: 'access_token', client_id: state.config.clientId }),
  });
  const end = new URL(state.provider.end_session_endpoint);
  end.search = new URLSearchParams({
    id_token_hint: tokens.id_token,
    client_id: state.config.clientId,
    post_logout_redirect_uri: state.config.postLogoutRedirectUri,
  }).toString();
  location.assign(end.toString());
}

async function start() {
  try {
    state.config = await (await fetch('config.json')).json();
    state.provider = await (await fetch(state.config.issuer + '/.well-known/openid-configuration')).json();
    $('login').addEventListener('click', () => login().catch((e) => fail(e.message)));
    $('logout').addEventListener('click', () => logout().catch((e) => fail(e.message)));
    const params = new URLSearchParams(location.search);
    if (params.has('code') || params.has('error')) {
      return await callback(params);
    }
    const tokens = JSON.parse(sessionStorage.getItem('aikagi.tokens') || 'null');
    if (tokens) {
      const [, payload64] = tokens.id_token.split('.');
      return await signedIn(tokens, JSON.parse(new TextDecoder().decode(b64urlDecode(payload64))));
    }
    $('status').textContent = 'Not signed in.';
    show(false);
  } catch (e) {
    fail(e.message);
  }
}

start();
