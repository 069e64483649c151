// Tokens the size Google returns: a signed JWT of about 1,000 characters for id_token, and
// an access token past 255 characters (Microsoft Entra ID's are 1,500 and more).
const base64url = (text: string) => btoa(text).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "")

const header = base64url(JSON.stringify({ alg: "RS256", kid: "a3b762f871cdb3bae0044c649622fc1396eda3e3", typ: "JWT" }))
const claims = base64url(JSON.stringify({
  iss: "https://accounts.google.com",
  azp: "407408718192.apps.googleusercontent.com",
  aud: "407408718192.apps.googleusercontent.com",
  sub: "110169484474386276334",
  email: "ada@example.com",
  email_verified: true,
  at_hash: "X9lUGUP8v2DX6kf0jJk5Qw",
  name: "Ada Lovelace",
  picture: "https://lh3.googleusercontent.com/a/ACg8ocJ0kHw6yYpUu5p0n3t8bX9QqZrTq1mVxw0l8s=s96-c",
  given_name: "Ada",
  family_name: "Lovelace",
  iat: 1767225600,
  exp: 1767229200,
}))
const signature = "Kq3nP0aX".repeat(43)

export const googleIdToken = `${header}.${claims}.${signature}`
export const googleAccessToken = `ya29.a0AfB_${"byCzQ7nT2kL9mW4xR8vE1pH6sJ3dF0gA5".repeat(9)}`
