# A stand-in for the official node image (what the mail catcher is built on): this machine's Node.js and npm (Debian's
# own Node.js is too old for maildev's SMTP server) and its extra CA certificates, so that npm reaches the registry
# through the same network as the host.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
COPY node/node /usr/local/bin/node
COPY node/npm /usr/local/lib/node_modules/npm
COPY certs/ /usr/local/share/ca-certificates/
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && cat /etc/ssl/certs/ca-certificates.crt /usr/local/share/ca-certificates/*.crt > /usr/local/share/node-ca.pem 2>/dev/null \
 || cat /usr/local/share/ca-certificates/*.crt > /usr/local/share/node-ca.pem
ENV NODE_EXTRA_CA_CERTS=/usr/local/share/node-ca.pem
CMD ["node"]
