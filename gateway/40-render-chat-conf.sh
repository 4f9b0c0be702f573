#!/bin/sh
# Run by the nginx image's entrypoint before nginx starts: renders the gateway's nginx.conf from
# the one template, with the values of this container's environment (see gateway/render-conf).
set -eu
render-conf "${GATEWAY_TEMPLATE:-/etc/nginx/chat/nginx.conf.template}" "${NGINX_CONF:-/etc/nginx/nginx.conf}"
echo "$0: rendered ${NGINX_CONF:-/etc/nginx/nginx.conf} (listen ${GATEWAY_LISTEN})"
