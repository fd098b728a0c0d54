#!/usr/bin/env bash
# Sourced by the scripts that sign people up through the gateway as a person does: sign up, then open the link mailed
# to the address. The link is read from the mail catcher (maildev's HTTP API), so this works wherever mail goes to it
# (deploy/run.sh, compose); with a real mail server only the mailbox's owner can finish a sign-up.
#   . deploy/signup.sh; signup_confirmed GATEWAY_URL MAIL_UI_URL EMAIL PASSWORD NAME   -> prints the session (JSON)

# The secret of the newest sign-up link mailed to an address, or nothing yet.
signup_link_token() {
  curl -fs "$1/email?subject=Confirm%20your%20email%20to%20finish%20signing%20up" | python3 -c '
import json, re, sys
address = sys.argv[1].lower()
tokens = [m.group(1) for mail in json.load(sys.stdin) if any(t["address"].lower() == address for t in mail["to"])
          for m in [re.search(r"/account/verify\?token=(\S+)", mail.get("text") or "")] if m]
print(tokens[-1] if tokens else "")' "$2"
}

signup_confirmed() {
  local gateway=$1 mail=$2 email=$3 password=$4 name=$5 token=""
  curl -fs -X POST "$gateway/api/auth/signup" -H 'content-type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"$name\"}" >/dev/null || return 1
  for _ in $(seq 1 150); do
    token=$(signup_link_token "$mail" "$email")
    [ -n "$token" ] && break
    sleep 0.2
  done
  [ -n "$token" ] || { printf 'no sign-up link for %s arrived at %s\n' "$email" "$mail" >&2; return 1; }
  curl -fs -X POST "$gateway/api/auth/verify-email" -H 'content-type: application/json' -d "{\"token\":\"$token\"}"
}
