// Log in with Aikagi from an Express app: OpenID Connect authorization code flow with PKCE, state and nonce,
// through panva's certified openid-client. Configuration from the environment:
//   AIKAGI_ISSUER   Aikagi's address, e.g. https://login.example.com (discovery is read from it)
//   CLIENT_ID, CLIENT_SECRET   the client registered in Aikagi (aikagi.oidc.clients.<id>.*)
//   BASE_URL        this app's own address (default http://localhost:3000); the redirect URI is BASE_URL/callback
//   PORT, HOST      where this app listens (default 127.0.0.1:3000)
//   SESSION_SECRET  signs this app's session cookie
import crypto from 'node:crypto';
import express from 'express';
import session from 'express-session';
import * as client from 'openid-client';

const issuer = new URL(process.env.AIKAGI_ISSUER ?? 'http://localhost:8080');
const clientId = process.env.CLIENT_ID ?? 'node-sample';
const clientSecret = process.env.CLIENT_SECRET;
const port = Number(process.env.PORT ?? 3000);
const baseUrl = (process.env.BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
const redirectUri = `${baseUrl}/callback`;

// Plain http is for trying it out on one machine; production Aikagi is https only.
const options = issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined;
const config = await client.discovery(issuer, clientId, clientSecret, undefined, options);

const app = express();
app.use(session({
  secret: process.env.SESSION_SECRET ?? crypto.randomBytes(32).toString('hex'),
  resave: false,
  saveUninitialized: false,
  cookie: { httpOnly: true, sameSite: 'lax', secure: baseUrl.startsWith('https:') },
}));

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

app.get('/', (req, res) => {
  const user = req.session.user;
  res.type('html').send(user
    ? `<p>Signed in as <strong>${escape(user.preferred_username ?? user.sub)}</strong>`
      + ` (acr ${escape(user.acr)}, amr ${escape((user.amr ?? []).join(' '))}).</p>`
      + '<form method="post" action="/logout"><button>Log out</button></form>'
    : '<p><a href="/login">Log in with Aikagi</a></p>');
});

// What the ID token said, for scripts and tests.
app.get('/me', (req, res) => {
  if (!req.session.user) {
    return res.status(401).json({ error: 'not signed in' });
  }
  res.json(req.session.user);
});

app.get('/login', async (req, res, next) => {
  try {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    req.session.login = { verifier, state, nonce };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    req.session.save(() => res.redirect(url.href));
  } catch (e) {
    next(e);
  }
});

app.get('/callback', async (req, res, next) => {
  try {
    const login = req.session.login;
    if (!login) {
      return res.status(400).send('No login in progress: start at /login.');
    }
    delete req.session.login;
    const tokens = await client.authorizationCodeGrant(config, new URL(req.originalUrl, baseUrl), {
      pkceCodeVerifier: login.verifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    const user = {
      sub: claims.sub, preferred_username: claims.preferred_username, acr: claims.acr, amr: claims.amr,
      auth_time: claims.auth_time, sid: claims.sid,
    };
    // A new session id at login (no session fixation).
    req.session.regenerate((err) => {
      if (err) {
        return next(err);
      }
      req.session.user = user;
      req.session.idToken = tokens.id_token;
      req.session.save(() => res.redirect('/'));
    });
  } catch (e) {
    next(e);
  }
});

app.post('/logout', (req, res) => {
  const idToken = req.session.idToken;
  req.session.destroy(() => {
    if (!idToken || !config.serverMetadata().end_session_endpoint) {
      return res.redirect('/');
    }
    res.redirect(client.buildEndSessionUrl(config, { id_token_hint: idToken }).href);
  });
});

app.use((err, req, res, _next) => {
  console.error(err);
  res.status(500).type('text').send(`Login failed: ${err.error ?? err.code ?? err.name}`);
});

app.listen(port, process.env.HOST ?? '127.0.0.1', () => console.log(`Aikagi sample listening on ${port}`));
