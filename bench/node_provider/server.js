// node oidc-provider v9, in memory, RS256: what bench/http_flows.py compares JAKI ID with.
// One client (client_secret_basic), every account signs in and consents without a page:
// the interaction finishes at once, so only the protocol endpoints are measured.
import { generateKeyPairSync } from "node:crypto";
import http from "node:http";

import Provider from "oidc-provider";

const port = Number(process.env.PORT);
const [clientId, clientSecret, redirectUri] = [process.env.CLIENT_ID, process.env.CLIENT_SECRET, process.env.REDIRECT_URI];
const key = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  jwks: { keys: [{ ...key, kid: "bench", alg: "RS256", use: "sig" }] },
  claims: { openid: ["sub"], profile: ["name", "birthdate"], phone: ["phone_number", "phone_number_verified"] },
  findAccount: (ctx, accountId) => ({
    accountId,
    claims: () => ({
      sub: accountId,
      name: "Bench Citizen",
      birthdate: "1990-01-01",
      phone_number: "+6281200000000",
      phone_number_verified: true,
    }),
  }),
  features: { devInteractions: { enabled: false }, introspection: { enabled: true }, revocation: { enabled: true } },
  issueRefreshToken: () => true,
  pkce: { required: () => true },
  cookies: { keys: ["bench-cookie-signing-key"] },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
});

async function finishInteraction(req, res) {
  const details = await provider.interactionDetails(req, res);
  let result;
  if (details.prompt.name === "login") {
    result = { login: { accountId: `citizen-${details.uid.slice(0, 8)}` } };
  } else {
    const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope);
    result = { consent: { grantId: await grant.save() } };
  }
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

const callback = provider.callback();
http
  .createServer((req, res) => {
    if (req.url.startsWith("/interaction/")) {
      finishInteraction(req, res).catch((error) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    callback(req, res);
  })
  .listen(port, "127.0.0.1", () => console.log(`node oidc-provider listening on ${port}`));
