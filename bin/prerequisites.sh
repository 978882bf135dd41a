# Sourced by bin/test and bin/run: makes sure this machine has what Clickmap needs, installing it
# with apt-get when we are root, or saying exactly what is missing otherwise.

clickhouse_binary() {
  for candidate in /usr/bin/clickhouse-server /usr/sbin/clickhouse-server /usr/bin/clickhouse; do
    if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "clickmap: missing $*; install it (apt-get install -y $*) or run this as root." >&2
    exit 1
  fi
  echo "clickmap: installing $* with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "$@" >&2
}

ensure_java_and_maven() {
  command -v java >/dev/null 2>&1 && java -version 2>&1 | grep -qE 'version "(1[7-9]|2[0-9])' || apt_install openjdk-17-jdk-headless
  command -v mvn >/dev/null 2>&1 || apt_install maven
}

# Tests and the local run need a ClickHouse server binary unless CLICKHOUSE_URL names a server.
ensure_clickhouse() {
  if [ -n "${CLICKHOUSE_URL:-}" ] || clickhouse_binary >/dev/null; then return 0; fi
  apt_install clickhouse-server clickhouse-client
  clickhouse_binary >/dev/null || { echo "clickmap: clickhouse-server installed but not found" >&2; exit 1; }
}

# The browser tests drive Debian's Chromium through its own chromedriver, so the two always match and
# nothing has to be downloaded at test time.
ensure_browser() {
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && return 0
  apt_install chromium chromium-driver
}

# npm installs the PostHog browser SDK that the browser tests load into their page.
ensure_node() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && return 0
  apt_install nodejs npm
}

# posthog-js for bin/run's demo page (and the browser test that clicks it) comes from the npm registry at
# the version pinned in the lock file, never from the repository; installed again when the lock file changed.
ensure_page_packages() {
  local page=launcher/page
  local installed=$page/node_modules/posthog-js/package.json
  if [ -f "$installed" ] && [ ! "$page/package-lock.json" -nt "$installed" ]; then return 0; fi
  echo "clickmap: installing the demo page's npm packages (npm ci)" >&2
  # no install scripts: the page needs the SDK's built files only
  npm ci --prefix "$page" --no-audit --no-fund --ignore-scripts >&2
  # npm keeps the times packed in the tarball, which can be older than the lock file it installed from.
  touch "$installed"
}

# The toolbar (toolbar/, served as /static/toolbar.js by capture and the stats API) is bundled by esbuild at
# the version pinned in its lock file: installed again when the lock file changed, bundled again when a
# source changed. Maven packs toolbar/dist/toolbar.js into both jars and fails without it.
ensure_toolbar() {
  local dir=toolbar
  local installed=$dir/node_modules/.package-lock.json
  if [ ! -f "$installed" ] || [ "$dir/package-lock.json" -nt "$installed" ]; then
    echo "clickmap: installing the toolbar's npm packages (npm ci)" >&2
    # no install scripts: esbuild's binary comes as a platform package and needs none
    npm ci --prefix "$dir" --no-audit --no-fund --ignore-scripts >&2
    touch "$installed"
  fi
  local bundle=$dir/dist/toolbar.js
  if [ -f "$bundle" ] && [ -z "$(find "$dir/src" "$dir/package.json" "$installed" -newer "$bundle" -print -quit)" ]; then return 0; fi
  echo "clickmap: bundling the toolbar into $bundle" >&2
  npm run --prefix "$dir" --silent build >&2
}
