import 'server-only';
import * as tags from '@/lib/data/tags';
import { MAX_TAGS_PER_USER, type CreateTagInput, type UpdateTagInput } from '@/lib/schemas/tag';

// Tag changes as one step each; names are unique per user (409 on a clash).

export const listTagsFor = (userId: string) => tags.listTags(userId);
export const getTagFor = (userId: string, id: string) => tags.getTag(userId, id);
export const createTagFor = (userId: string, input: CreateTagInput) => tags.createTag(userId, input, MAX_TAGS_PER_USER);
export const updateTagFor = (userId: string, id: string, patch: UpdateTagInput) => tags.updateTag(userId, id, patch);
export const deleteTagFor = (userId: string, id: string) => tags.deleteTag(userId, id);
