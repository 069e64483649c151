// Tokens the size Google returns: a signed JWT of about 1,000 characters for id_token (its
// header and claims below are base64url JSON: RS256, Google's issuer, Ada's profile), and an
// access token past 255 characters (Microsoft Entra ID's are 1,500 and more).
const header =
  "eyJhbGciOiJSUzI1NiIsImtpZCI6ImEzYjc2MmY4NzFjZGIzYmFlMDA0NGM2NDk2MjJmYzEzOTZlZGEzZTMiLCJ0eXAiOiJKV1Qi" +
  "fQ"
const claims =
  "eyJpc3MiOiJodHRwczovL2FjY291bnRzLmdvb2dsZS5jb20iLCJhenAiOiI0MDc0MDg3MTgxOTIuYXBwcy5nb29nbGV1c2VyY29u" +
  "dGVudC5jb20iLCJhdWQiOiI0MDc0MDg3MTgxOTIuYXBwcy5nb29nbGV1c2VyY29udGVudC5jb20iLCJzdWIiOiIxMTAxNjk0ODQ0" +
  "NzQzODYyNzYzMzQiLCJlbWFpbCI6ImFkYUBleGFtcGxlLmNvbSIsImVtYWlsX3ZlcmlmaWVkIjp0cnVlLCJhdF9oYXNoIjoiWDls" +
  "VUdVUDh2MkRYNmtmMGpKazVRdyIsIm5hbWUiOiJBZGEgTG92ZWxhY2UiLCJwaWN0dXJlIjoiaHR0cHM6Ly9saDMuZ29vZ2xldXNl" +
  "cmNvbnRlbnQuY29tL2EvQUNnOG9jSjBrSHc2eVlwVXU1cDBuM3Q4Ylg5UXFaclRxMW1WeHcwbDhzPXM5Ni1jIiwiZ2l2ZW5fbmFt" +
  "ZSI6IkFkYSIsImZhbWlseV9uYW1lIjoiTG92ZWxhY2UiLCJpYXQiOjE3NjcyMjU2MDAsImV4cCI6MTc2NzIyOTIwMH0"
const signature = "Kq3nP0aX".repeat(43)

export const googleIdToken = `${header}.${claims}.${signature}`
export const googleAccessToken = `ya29.a0AfB_${"byCzQ7nT2kL9mW4xR8vE1pH6sJ3dF0gA5".repeat(9)}`
