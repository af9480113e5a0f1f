#!/bin/sh
# Creates the topics of deploy/kafka/topics.properties (the single declaration, mounted read-only) that do not
# exist yet: "<topic>=<partitions> retention=<days>d" per line. Run once by the kafka-topics service of
# docker-compose.yml; running it again changes nothing.
set -eu
PLAN=${PLAN:-/plan/topics.properties}
KAFKA_TOPICS=${KAFKA_TOPICS:-/opt/kafka/bin/kafka-topics.sh}
BOOTSTRAP=${BOOTSTRAP:-kafka:9092}
REPLICATION=${REPLICATION:-1}

grep -v '^[[:space:]]*#' "$PLAN" | grep '=' | while read -r line; do
  topic=${line%%=*}
  rest=${line#*=}
  partitions=${rest%% *}
  days=$(echo "$rest" | sed -n 's/.*retention=\([0-9][0-9]*\)d.*/\1/p')
  if [ -n "$days" ]; then
    "$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$topic" \
      --partitions "$partitions" --replication-factor "$REPLICATION" --config "retention.ms=$((days * 86400000))"
  else
    "$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$topic" \
      --partitions "$partitions" --replication-factor "$REPLICATION"
  fi
done
