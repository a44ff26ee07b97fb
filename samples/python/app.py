"""Log in with Aikagi from a Flask app with Authlib (authorization code + PKCE, state and nonce checked).

Debian: apt-get install python3-authlib python3-flask python3-requests; then run with /usr/bin/python3 app.py.
Configuration from the environment:
  AIKAGI_ISSUER   Aikagi's address, e.g. https://login.example.com (discovery is read from it)
  CLIENT_ID, CLIENT_SECRET   the client registered in Aikagi (aikagi.oidc.clients.<id>.*)
  BASE_URL        this app's own address (default http://localhost:5000); the redirect URI is BASE_URL/callback
  PORT, HOST      where this app listens (default 127.0.0.1:5000)
  SESSION_SECRET  signs this app's session cookie
"""
import html
import os
import secrets

from authlib.integrations.flask_client import OAuth
from flask import Flask, jsonify, redirect, session

issuer = os.environ.get("AIKAGI_ISSUER", "http://localhost:8080").rstrip("/")
port = int(os.environ.get("PORT", "5000"))
base_url = os.environ.get("BASE_URL", f"http://localhost:{port}").rstrip("/")

app = Flask(__name__)
app.secret_key = os.environ.get("SESSION_SECRET") or secrets.token_hex(32)
app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                  SESSION_COOKIE_SECURE=base_url.startswith("https:"))

oauth = OAuth(app)
oauth.register(
    "aikagi",
    client_id=os.environ.get("CLIENT_ID", "python-sample"),
    client_secret=os.environ.get("CLIENT_SECRET"),
    server_metadata_url=f"{issuer}/.well-known/openid-configuration",
    client_kwargs={"scope": "openid profile email", "code_challenge_method": "S256"},
)


@app.get("/")
def home():
    user = session.get("user")
    if not user:
        return '<p><a href="/login">Log in with Aikagi</a></p>'
    name = html.escape(user.get("preferred_username") or user["sub"])
    amr = html.escape(" ".join(user.get("amr") or []))
    return (f"<p>Signed in as <strong>{name}</strong> (acr {html.escape(str(user.get('acr')))}, amr {amr}).</p>"
            '<form method="post" action="/logout"><button>Log out</button></form>')


@app.get("/me")
def me():
    """What the ID token said, for scripts and tests."""
    user = session.get("user")
    return (jsonify(user), 200) if user else (jsonify(error="not signed in"), 401)


@app.get("/login")
def login():
    return oauth.aikagi.authorize_redirect(f"{base_url}/callback")


@app.get("/callback")
def callback():
    token = oauth.aikagi.authorize_access_token()  # checks state, PKCE, the ID token's signature and nonce
    claims = token["userinfo"]
    session.clear()
    session["id_token"] = token["id_token"]
    session["user"] = {k: claims.get(k) for k in ("sub", "preferred_username", "acr", "amr", "auth_time", "sid")}
    return redirect("/")


@app.post("/logout")
def logout():
    id_token = session.pop("id_token", None)
    session.clear()
    end = oauth.aikagi.load_server_metadata().get("end_session_endpoint")
    if not id_token or not end:
        return redirect("/")
    return redirect(f"{end}?id_token_hint={id_token}")


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=port)
