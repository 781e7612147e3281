// Every Kafka topic of the event contract (DESIGN.md "Event contract"): 3 partitions each, keyed
// by user id so one user's events stay in order. The Kafka provisioner creates them all.
export const USER_CREATED_TOPIC = 'auth.user-created.v1';
export const USER_CREATED_DLQ_TOPIC = 'auth.user-created.v1.dlq';
export const USER_DELETED_TOPIC = 'auth.user-deleted.v1';
export const USER_DELETED_DLQ_TOPIC = 'auth.user-deleted.v1.dlq';

export const TOPICS = [USER_CREATED_TOPIC, USER_CREATED_DLQ_TOPIC, USER_DELETED_TOPIC, USER_DELETED_DLQ_TOPIC] as const;
