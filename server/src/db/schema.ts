import { Session } from "../auth/session.entity";
import { CreateSessions1764140000000 } from "../auth/migrations/1764140000000-CreateSessions";

/** Every entity, from its domain folder. */
export const entities = [Session];

/** Every migration, in the order they run. Names are `<epoch ms>-<WhatChanged>`. */
export const migrations = [CreateSessions1764140000000];
