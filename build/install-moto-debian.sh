#!/usr/bin/env bash
# Fallback for Debian 12 machines whose Python lacks moto and that cannot reach PyPI: installs moto's
# server from Debian's own packages. Its Python dependencies come from the machine's suite (apt); moto,
# botocore, boto3 and s3transfer (pure Python) come from the next Debian suite, unpacked into tools/moto
# rather than installed, so no system package is replaced. Writes tools/moto/bin/moto_server.
# Elsewhere: pip install 'moto[server]'.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/tools/moto"
if [ -x "$dest/bin/moto_server" ] && "$dest/bin/moto_server" --help >/dev/null 2>&1; then
  echo "moto already installed in $dest"; exit 0
fi
command -v apt-get >/dev/null || { echo "apt-get not found: install moto with pip install 'moto[server]'" >&2; exit 1; }

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends python3 python3-cryptography python3-dateutil python3-flask \
  python3-flask-cors python3-jinja2 python3-requests python3-responses python3-werkzeug python3-xmltodict \
  python3-jmespath python3-urllib3 python3-six python3-yaml >/dev/null

work="$(mktemp -d)"
chmod 755 "$work"   # apt downloads as the _apt user
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/sources"
cat > "$work/sources/next.sources" <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
apt_private=(-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$work/sources"
  -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work/cache")
apt-get "${apt_private[@]}" update -qq
(cd "$work" && apt-get "${apt_private[@]}" download python3-moto python3-botocore python3-boto3 python3-s3transfer >/dev/null)

rm -rf "$dest" && mkdir -p "$dest/bin"
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$dest/root"; done
site="$dest/root/usr/lib/python3/dist-packages"
cat > "$dest/bin/moto_server" <<SH
#!/usr/bin/env bash
PYTHONPATH="$site\${PYTHONPATH:+:\$PYTHONPATH}" exec /usr/bin/python3 -m moto.server "\$@"
SH
cat > "$dest/bin/python3" <<SH
#!/usr/bin/env bash
PYTHONPATH="$site\${PYTHONPATH:+:\$PYTHONPATH}" exec /usr/bin/python3 "\$@"
SH
chmod +x "$dest/bin/moto_server" "$dest/bin/python3"
"$dest/bin/python3" -c 'import moto, boto3; print("moto", moto.__version__, "boto3", boto3.__version__)'
