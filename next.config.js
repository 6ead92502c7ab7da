/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
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
