/**
 * Headers that are the same on every response, static files included. The Content-Security-Policy
 * (a nonce per request) and HSTS (only over HTTPS) are set per request in proxy.ts.
 */
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Proposal numbers and ids in our addresses stay on our own site.
  { key: "Referrer-Policy", value: "same-origin" },
  // Nothing here needs the camera, the microphone, the location, payments or devices.
  {
    key: "Permissions-Policy",
    value: "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
  reactStrictMode: true,
  experimental: {
    // Word drafts and attachments are uploaded through Server Actions; the services enforce the real
    // limits (10 MB for a Word draft, BANLI_MAX_UPLOAD_MB, default 20 MB, for an attachment).
    serverActions: { bodySizeLimit: "21mb" },
    // The proxy buffers request bodies (10 MB by default); uploads must reach the action whole.
    proxyClientMaxBodySize: "21mb",
  },
};

module.exports = nextConfig;
