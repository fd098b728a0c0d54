# A stand-in for the official rabbitmq:management image, from Debian's RabbitMQ with the management plugin on.
# RabbitMQ itself honours RABBITMQ_DEFAULT_USER and RABBITMQ_DEFAULT_PASS on first start.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends rabbitmq-server \
 && rm -rf /var/lib/apt/lists/* \
 && rabbitmq-plugins enable --offline rabbitmq_management \
 && printf 'loopback_users = none\nlisteners.tcp.default = 5672\nmanagement.tcp.port = 15672\n' > /etc/rabbitmq/rabbitmq.conf
ENV RABBITMQ_LOGS=- HOME=/var/lib/rabbitmq
EXPOSE 5672 15672
USER rabbitmq
CMD ["rabbitmq-server"]
