#!/bin/sh
# Renders the nginx configuration for one console build.
#
#   deploy/render.sh site --root DIR --upstream HOST:PORT [--listen ADDR] [--server-name NAME] [--subpath]
#       prints the server block (ocp-console.conf, or ocp-console-subpath.conf with --subpath) for
#       the build in DIR (DIR/index.html, or DIR/console/index.html with --subpath), with the
#       sha256 of each inline <script> of that index.html in the Content-Security-Policy.
#   deploy/render.sh main --prefix DIR --site FILE [--user USER] [--nginx BIN]
#       prints a complete top-level nginx.conf (pid, logs and temp files under DIR) that includes FILE,
#       for `nginx -p DIR -c DIR/nginx.conf` (containers, tests). It loads the brotli_static module
#       by absolute path (a relative load_module path would resolve under -p DIR) unless BIN (default:
#       nginx on PATH, else /usr/sbin/nginx) has it built in; without it, it fails.
#   deploy/render.sh hashes FILE
#       prints the CSP source expressions ('sha256-…') of FILE's inline scripts.
#
# Needs awk, openssl (or python3) and base64. Re-render after every build: the loader script Trunk
# inlines into index.html names the build's hashed files, so its hash changes with every build.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"

die() { echo "render.sh: $*" >&2; exit 2; }

sha256_b64() {
  if command -v openssl >/dev/null 2>&1; then
    openssl dgst -sha256 -binary "$1" | base64 | tr -d '\n'
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import base64,hashlib,sys; print(base64.b64encode(hashlib.sha256(open(sys.argv[1],"rb").read()).digest()).decode(), end="")' "$1"
  else
    die "need openssl or python3 to hash the inline scripts"
  fi
}

# The text between <script …> and </script> of every script element without a src attribute,
# byte for byte (that is what CSP hashes), one file each.
hashes() {
  [ -f "$1" ] || die "$1: no such file (build the console first)"
  tmp="$(mktemp -d)"
  awk -v dir="$tmp" 'BEGIN { RS = "</script>"; n = 0 }
    {
      i = index($0, "<script"); if (i == 0) next
      s = substr($0, i); j = index(s, ">"); if (j == 0) next
      tag = substr(s, 1, j)
      if (tag ~ /[ \t\r\n]src[ \t\r\n]*=/) next
      n++; f = dir "/" n ".js"; printf "%s", substr(s, j + 1) > f; close(f)
    }' "$1"
  out=""
  for f in "$tmp"/*.js; do
    [ -e "$f" ] || continue
    out="$out 'sha256-$(sha256_b64 "$f")'"
  done
  rm -rf "$tmp"
  [ -n "$out" ] || echo "render.sh: warning: $1 has no inline script" >&2
  printf '%s' "${out# }"
}

# sed replacement text: escape \ & and the | delimiter.
esc() { printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'; }

cmd="${1:-}"; [ $# -gt 0 ] && shift
case "$cmd" in
  hashes)
    [ $# -eq 1 ] || die "usage: render.sh hashes FILE"
    hashes "$1"; echo ;;
  site)
    root="" upstream="" listen="80" server_name="_" template="$here/ocp-console.conf" index_rel="index.html"
    while [ $# -gt 0 ]; do
      case "$1" in
        --root) root="$2"; shift 2 ;;
        --upstream) upstream="$2"; shift 2 ;;
        --listen) listen="$2"; shift 2 ;;
        --server-name) server_name="$2"; shift 2 ;;
        --subpath) template="$here/ocp-console-subpath.conf"; index_rel="console/index.html"; shift ;;
        *) die "unknown option $1" ;;
      esac
    done
    [ -n "$root" ] && [ -n "$upstream" ] || die "usage: render.sh site --root DIR --upstream HOST:PORT [--listen ADDR] [--server-name NAME] [--subpath]"
    root="$(cd "$root" && pwd)"
    h="$(hashes "$root/$index_rel")"
    sed -e "/^[[:space:]]*#/!s|@LISTEN@|$(esc "$listen")|g" \
        -e "/^[[:space:]]*#/!s|@SERVER_NAME@|$(esc "$server_name")|g" \
        -e "/^[[:space:]]*#/!s|@ROOT@|$(esc "$root")|g" \
        -e "/^[[:space:]]*#/!s|@OCP_UPSTREAM@|$(esc "$upstream")|g" \
        -e "/^[[:space:]]*#/!s|@SCRIPT_HASHES@|$(esc "$h")|g" \
        "$template" ;;
  main)
    prefix="" site="" user_line="" nginx=""
    while [ $# -gt 0 ]; do
      case "$1" in
        --prefix) prefix="$2"; shift 2 ;;
        --site) site="$2"; shift 2 ;;
        --user) user_line="user $2;"; shift 2 ;;
        --nginx) nginx="$2"; shift 2 ;;
        *) die "unknown option $1" ;;
      esac
    done
    [ -n "$prefix" ] && [ -n "$site" ] || die "usage: render.sh main --prefix DIR --site FILE [--user USER] [--nginx BIN]"
    if [ -z "$nginx" ]; then
      nginx="$(command -v nginx || echo /usr/sbin/nginx)"
    fi
    build="$("$nginx" -V 2>&1)" || die "cannot run $nginx -V"
    mime="/etc/nginx/mime.types"
    [ -f "$mime" ] || mime="$(dirname "$(printf '%s' "$build" | sed -n 's/.*--conf-path=\([^ ]*\).*/\1/p')")/mime.types"
    # brotli_static (deploy/*.conf): built in, or Debian's dynamic module (libnginx-mod-http-brotli-static).
    modules=""
    if ! printf '%s' "$build" | grep -q 'brotli'; then
      dirs="$(printf '%s' "$build" | sed -n 's/.*--modules-path=\([^ ]*\).*/\1/p')"
      for d in $dirs /usr/lib/nginx/modules /usr/share/nginx/modules /usr/local/nginx/modules /etc/nginx/modules; do
        if [ -f "$d/ngx_http_brotli_static_module.so" ]; then
          modules="load_module $d/ngx_http_brotli_static_module.so;"
          break
        fi
      done
      [ -n "$modules" ] || die "$nginx has no brotli_static module: install libnginx-mod-http-brotli-static (scripts/setup --nginx does)"
    fi
    sed -e "/^[[:space:]]*#/!s|@PREFIX@|$(esc "$prefix")|g" \
        -e "/^[[:space:]]*#/!s|@SITE@|$(esc "$site")|g" \
        -e "/^[[:space:]]*#/!s|@MIME_TYPES@|$(esc "$mime")|g" \
        -e "/^[[:space:]]*#/!s|@USER@|$(esc "$user_line")|g" \
        -e "/^[[:space:]]*#/!s|@LOAD_MODULES@|$(esc "$modules")|g" \
        "$here/nginx.conf" ;;
  *) die "usage: render.sh site|main|hashes …" ;;
esac
