#!/usr/bin/env bash
# Nightly PostgreSQL backup: a custom-format pg_dump (compressed, restorable table by table),
# kept for BACKUP_KEEP_DAYS days (default 30: an erased person is gone from backups a month later;
# the privacy policy says so).
#
#   deploy/backup.sh                      # reads DATABASE_URL from /etc/ohjaamo/ohjaamo.env
#   BACKUP_DIR=/var/backups/ohjaamo deploy/backup.sh
#
# Timer: deploy/systemd/ohjaamo-backup.{service,timer}. Copy the files off the host as well
# (rsync, restic, borg): a backup on the same disk is not a backup.
# The dump holds confidential fields encrypted with FIELD_ENCRYPTION_KEY: keep that key (and the
# env file) backed up SEPARATELY from the dumps; without it those fields cannot be read, and with
# it next to the dumps the encryption protects nothing.
set -euo pipefail

ENV_FILE=${ENV_FILE:-/etc/ohjaamo/ohjaamo.env}
if [[ -z "${DATABASE_URL:-}" && -r "$ENV_FILE" ]]; then
    DATABASE_URL=$(grep -E '^DATABASE_URL=' "$ENV_FILE" | tail -n1 | cut -d= -f2-)
fi
: "${DATABASE_URL:?DATABASE_URL is not set (nor found in $ENV_FILE)}"
BACKUP_DIR=${BACKUP_DIR:-/var/backups/ohjaamo}
BACKUP_KEEP_DAYS=${BACKUP_KEEP_DAYS:-30}

umask 077
mkdir -p "$BACKUP_DIR"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
target="$BACKUP_DIR/ohjaamo-$stamp.dump"

# libpq understands postgres:// URLs directly.
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$target.partial" "$DATABASE_URL"
# A dump that cannot be listed is not kept.
pg_restore --list "$target.partial" > /dev/null
mv "$target.partial" "$target"
echo "backup: $target ($(du -h "$target" | cut -f1))"

find "$BACKUP_DIR" -name 'ohjaamo-*.dump' -type f -mtime +"$BACKUP_KEEP_DAYS" -print -delete

# Uploaded pictures (the practitioner's portrait) on this server's disk, beside the dump of the
# same night: the database names them. Nothing to do when they live in an S3 bucket.
MEDIA_STORAGE=${MEDIA_STORAGE:-$( [[ -r "$ENV_FILE" ]] && grep -E '^MEDIA_STORAGE=' "$ENV_FILE" | tail -n1 | cut -d= -f2- || true)}
MEDIA_ROOT=${MEDIA_ROOT:-$( [[ -r "$ENV_FILE" ]] && grep -E '^MEDIA_ROOT=' "$ENV_FILE" | tail -n1 | cut -d= -f2- || true)}
MEDIA_ROOT=${MEDIA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)/var/media}
if [[ "$MEDIA_STORAGE" != "s3" && -d "$MEDIA_ROOT" ]]; then
    tar --create --gzip --file="$BACKUP_DIR/ohjaamo-media-$stamp.tar.gz" --directory="$MEDIA_ROOT" .
    echo "backup: $BACKUP_DIR/ohjaamo-media-$stamp.tar.gz"
    find "$BACKUP_DIR" -name 'ohjaamo-media-*.tar.gz' -type f -mtime +"$BACKUP_KEEP_DAYS" -print -delete
fi
