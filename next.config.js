/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // Word drafts are uploaded through a Server Action (the importer itself refuses files over 10 MB).
    serverActions: { bodySizeLimit: "12mb" },
  },
};

module.exports = nextConfig;
