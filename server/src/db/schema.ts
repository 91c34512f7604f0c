import { Session } from "../auth/session.entity";
import { CreateSessions1764140000000 } from "../auth/migrations/1764140000000-CreateSessions";
import { InboxEventRow } from "../wecom/inbox/inboxEvent.entity";
import { CreateWecomInbox1764150000000 } from "../wecom/migrations/1764150000000-CreateWecomInbox";
import { Department } from "../wecom/directory/department.entity";
import { Staff } from "../wecom/directory/staff.entity";
import { CreateStaffDirectory1764150000200 } from "../wecom/directory/migrations/1764150000200-CreateStaffDirectory";

/** Every entity, from its domain folder. */
export const entities = [Session, InboxEventRow, Department, Staff];

/** Every migration, in the order they run. Names are `<epoch ms>-<WhatChanged>`. */
export const migrations = [CreateSessions1764140000000, CreateWecomInbox1764150000000, CreateStaffDirectory1764150000200];
