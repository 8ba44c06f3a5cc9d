/**
 * The fake "Auth App" page (real: https://app.plex.tv/auth#?clientID=&code=&forwardUrl=...).
 * Parameters live in the URL fragment, so the page reads them with inline JS.
 */
import type { FakeAccount } from "./fixtures";
import { escapeXml } from "./xml";

export interface AuthPageAccount {
  account: FakeAccount;
  label: string;
}

export function renderAuthPage(choices: AuthPageAccount[]): string {
  const buttons = choices
    .map(
      (c) =>
        `<button type="button" class="approve" data-testid="approve-${escapeXml(c.account.username ?? "")}" data-username="${escapeXml(c.account.username ?? "")}">Sign in as ${escapeXml(c.label)}</button>`,
    )
    .join("\n      ");
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Sign in to Plex (fake)</title>
  <style>
    body { font-family: system-ui, sans-serif; background: #1f1f1f; color: #eee; display: flex; justify-content: center; padding: 3rem 1rem; }
    main { max-width: 26rem; width: 100%; background: #2b2b2b; border-radius: 8px; padding: 1.5rem; }
    h1 { font-size: 1.3rem; margin-top: 0; }
    button { display: block; width: 100%; margin: .5rem 0; padding: .7rem; font-size: 1rem; border: 0; border-radius: 4px; cursor: pointer; }
    button.approve { background: #e5a00d; color: #1f1f1f; font-weight: 600; }
    button#cancel { background: #444; color: #eee; }
    #message { min-height: 1.5em; color: #ffb4a2; }
    .muted { color: #aaa; font-size: .9rem; }
  </style>
</head>
<body>
  <main>
    <h1>Plex</h1>
    <p><span data-testid="product" id="product">An app</span> wants to access your Plex account.</p>
    <p class="muted">This is the fake Plex sign-in page used in tests and the demo.</p>
    <p id="message" data-testid="message" role="status"></p>
    <div id="choices">
      ${buttons}
    </div>
    <button type="button" id="cancel" data-testid="cancel">Cancel</button>
  </main>
  <script>
    (function () {
      var raw = location.hash.replace(/^#!?\\??/, "");
      var params = new URLSearchParams(raw);
      var code = params.get("code") || "";
      var clientID = params.get("clientID") || "";
      var forwardUrl = params.get("forwardUrl") || "";
      var product = params.get("context[device][product]");
      var message = document.getElementById("message");
      var choices = document.getElementById("choices");
      if (product) document.getElementById("product").textContent = product;
      function say(text) { message.textContent = text; }
      function done() {
        if (forwardUrl) { location.href = forwardUrl; return; }
        say("You can close this window and return to the app.");
      }
      function invalid(text) {
        say(text || "This sign-in link is unknown or has expired. Go back to the app and try again.");
        choices.style.display = "none";
      }
      if (!code) { invalid("This sign-in link has no code. Go back to the app and try again."); }
      else {
        fetch("/_fake/auth/pin?code=" + encodeURIComponent(code) + "&clientID=" + encodeURIComponent(clientID))
          .then(function (r) { return r.json(); })
          .then(function (info) {
            if (!info.ok) { invalid(info.message); return; }
            if (!product && info.product) document.getElementById("product").textContent = info.product;
          })
          .catch(function () { invalid("Could not reach Plex. Try again."); });
      }
      Array.prototype.forEach.call(document.querySelectorAll("button.approve"), function (button) {
        button.addEventListener("click", function () {
          button.disabled = true;
          fetch("/_fake/auth/approve", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ code: code, clientID: clientID, username: button.getAttribute("data-username") })
          }).then(function (r) {
            return r.json().then(function (body) {
              if (!r.ok) { button.disabled = false; invalid(body.message); return; }
              say("Signed in.");
              done();
            });
          }).catch(function () { button.disabled = false; say("Could not reach Plex. Try again."); });
        });
      });
      document.getElementById("cancel").addEventListener("click", function () { done(); });
      // The parameters live in the fragment: a new fragment is a new sign-in request.
      window.addEventListener("hashchange", function () { location.reload(); });
    })();
  </script>
</body>
</html>
`;
}
