#!/usr/bin/env bash
# Restore a dump made by deploy/backup.sh into an EMPTY database, then migrate.
#
#   systemctl stop ohjaamo-web ohjaamo-worker ohjaamo-beat
#   createdb -O ohjaamo ohjaamo_restored            # or drop and recreate the old one
#   DATABASE_URL=postgres://ohjaamo:...@127.0.0.1:5432/ohjaamo_restored \
#       deploy/restore.sh /var/backups/ohjaamo/ohjaamo-20270101T020000Z.dump
#   (point DATABASE_URL in /etc/ohjaamo/ohjaamo.env at it if it has a new name)
#   tar --extract --gzip --file=/var/backups/ohjaamo/ohjaamo-media-20270101T020000Z.tar.gz \
#       --directory=/srv/ohjaamo/var/media   # the pictures of the same night (local MEDIA_ROOT)
#   systemctl start ohjaamo-web ohjaamo-worker ohjaamo-beat
#
# Needs the FIELD_ENCRYPTION_KEY that was in force when the dump was made (or a list containing
# it) to read confidential fields. After restoring an OLDER dump, people whose data was erased
# since then are back: before restoring, note the erasures made after the dump's date (admin:
# Privacy › Privacy requests, in the database being replaced), and repeat them afterwards.
set -euo pipefail

dump=${1:?usage: restore.sh DUMPFILE}
: "${DATABASE_URL:?DATABASE_URL must point at the (empty) database to restore into}"

pg_restore --list "$dump" > /dev/null
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$DATABASE_URL" "$dump"
echo "restored $dump"

cd "$(dirname "$0")/.."
DATABASE_URL="$DATABASE_URL" .venv/bin/python manage.py migrate --noinput
DATABASE_URL="$DATABASE_URL" .venv/bin/python manage.py check --deploy
