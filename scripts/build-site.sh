#!/usr/bin/env bash
# The studio as one folder of static files for any host, working from any sub-path (relative
# URLs): a release build plus deploy/site/_headers (Netlify, Cloudflare Pages: the CSP as a real
# header, with frame-ancestors 'none') and .nojekyll (GitHub Pages). For nginx, use
# deploy/nginx/gptunnel-site.conf. The README's "Deploy" section says how to publish it.
#
# Usage: scripts/build-site.sh [--from DIR] [OUT]
#   OUT          the folder to fill (default: site/, git-ignored); emptied first
#   --from DIR   package an existing release build (e.g. dist/ of scripts/e2e.sh) instead of
#                building again
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

from=""
if [ "${1:-}" = "--from" ]; then
  from="${2:?--from needs a folder}"
  shift 2
fi
out="${1:-$root/site}"

# The header CSP must be the page's <meta> CSP plus frame-ancestors: check before shipping.
meta_csp="$(tr '\n' ' ' <index.html | sed -n 's/.*http-equiv="Content-Security-Policy"[[:space:]]*content="\([^"]*\)".*/\1/p')"
header_csp="$(sed -n 's/^  Content-Security-Policy: //p' deploy/site/_headers)"
nginx_csp="$(sed -n 's/^ *add_header Content-Security-Policy "\(.*\)" always;$/\1/p' deploy/nginx/gptunnel-site.conf)"
expected="$meta_csp; frame-ancestors 'none'"
if [ -z "$meta_csp" ] || [ "$header_csp" != "$expected" ] || [ "$nginx_csp" != "$expected" ]; then
  echo "build-site: the CSP of deploy/site/_headers and deploy/nginx/gptunnel-site.conf must be index.html's plus \"; frame-ancestors 'none'\":" >&2
  echo "  expected: $expected" >&2
  echo "  _headers: $header_csp" >&2
  echo "  nginx:    $nginx_csp" >&2
  exit 1
fi

if [ -n "$from" ]; then
  [ -f "$from/index.html" ] || { echo "build-site: no index.html in $from" >&2; exit 1; }
  rm -rf "$out" && mkdir -p "$out" && cp -R "$from"/. "$out"/
else
  bash scripts/setup.sh
  export PATH="$root/scripts/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
  rm -rf "$out"
  trunk build index.html --release --dist "$out"
fi
cp deploy/site/_headers "$out/_headers"
touch "$out/.nojekyll"
echo "build-site: $out ($(du -sh "$out" | cut -f1)); publish the folder as it is, at any path" >&2
