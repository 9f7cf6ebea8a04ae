import { Types } from 'mongoose';
import type { UserLanguage } from '../../../shared/api/auth';
import type { Page } from '../../../shared/api/common';
import type { EmailKind, ListOutboxQuery, OutboxMessageDto } from '../../../shared/api/outbox';
import { insertPlain } from '../../db/batchedInsert';
import { NotFoundError } from '../../errors';
import { OutboxMessage } from '../../models';
import type { OutboxMessageFields } from '../../models/OutboxMessage';
import { renderEmail, type EmailParams } from './templates';

/** What to send: to whom, which kind, in which language, with the kind's parameters. */
export interface EmailInput<K extends EmailKind> {
  to: string;
  kind: K;
  language: UserLanguage;
  params: EmailParams[K];
}

/** An outbox message as stored (every field, defaults spelled out; see insertPlain). */
export type StoredOutboxMessage = Required<OutboxMessageFields> & { _id: Types.ObjectId };

/**
 * Renders an email as a new outbox message (status "queued", due at once), not yet stored: for a caller that
 * writes it itself (see createRequest).
 */
export function newOutboxMessage<K extends EmailKind>(input: EmailInput<K>, now: Date): StoredOutboxMessage {
  const { subject, text, html } = renderEmail(input.kind, input.language, input.params);
  return {
    _id: new Types.ObjectId(),
    to: input.to,
    subject,
    text,
    html,
    language: input.language,
    kind: input.kind,
    status: 'queued',
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    transport: null,
    createdAt: now,
    sentAt: null,
  };
}

/**
 * Renders an email and puts it in the outbox (status "queued"); the outbox worker sends it by SMTP, or writes it as
 * an .eml file when no SMTP server is configured. Returns the outbox message's id. Concurrent emails are written
 * together (db/batchedInsert.ts).
 */
export async function enqueueEmail<K extends EmailKind>(input: EmailInput<K>, now: Date = new Date()): Promise<string> {
  const doc = await insertPlain(OutboxMessage, newOutboxMessage(input, now));
  return doc._id.toString();
}

/** One page of the outbox, newest first. */
export async function listOutbox(query: ListOutboxQuery): Promise<Page<OutboxMessageDto>> {
  const filter: Record<string, string> = {};
  if (query.status) filter.status = query.status;
  const [docs, total] = await Promise.all([
    OutboxMessage.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean(),
    OutboxMessage.countDocuments(filter),
  ]);
  return { items: docs.map(toOutboxMessageDto), total, page: query.page, pageSize: query.pageSize };
}

/** One outbox message; NotFoundError when there is none with this id. */
export async function getOutboxMessage(id: string): Promise<OutboxMessageDto> {
  const doc = await OutboxMessage.findById(id).lean();
  if (!doc) throw new NotFoundError('Dit bericht');
  return toOutboxMessageDto(doc);
}

function toOutboxMessageDto(d: OutboxMessageFields & { _id: { toString(): string } }): OutboxMessageDto {
  return {
    id: d._id.toString(),
    to: d.to,
    subject: d.subject,
    text: d.text,
    html: d.html ?? null,
    language: d.language as UserLanguage,
    kind: d.kind as EmailKind,
    status: d.status,
    attempts: d.attempts ?? 0,
    nextAttemptAt: d.nextAttemptAt ? d.nextAttemptAt.toISOString() : null,
    lastError: d.lastError ?? null,
    transport: (d.transport as 'smtp' | 'file' | null | undefined) ?? null,
    createdAt: d.createdAt.toISOString(),
    sentAt: d.sentAt ? d.sentAt.toISOString() : null,
  };
}
