import { z } from 'zod';
import { AsOfMetaSchema, EntityRefSchema, IdSchema, PageMetaSchema, SourcesFieldSchema, ValiditySchema } from './common.js';

export const RoleSchema = z
  .object({
    id: IdSchema,
    title: z.string().describe('e.g. Chief Executive Officer, Chairman of the Alliance Operating Board'),
    organisation: EntityRefSchema.describe('The company or alliance'),
    ...ValiditySchema,
    note: z.string().nullable(),
    sources: SourcesFieldSchema,
  })
  .meta({ id: 'Role', description: 'A dated, sourced role of a person at a company or the alliance' });

const PersonFields = {
  id: IdSchema,
  name: z.string(),
  aliases: z.array(z.string()),
  nationality: z.string().nullable(),
  description: z.string().nullable(),
  sources: SourcesFieldSchema,
};

export const PersonListQuerySchema = z.object({
  organisation: IdSchema.optional().describe('Only people holding a role at this company or alliance on the asOf day'),
});

export const PersonListSchema = z
  .object({
    ...AsOfMetaSchema,
    ...PageMetaSchema,
    items: z.array(
      z
        .object({ ...PersonFields, roles: z.array(RoleSchema).describe('The roles held on the asOf day (only at the organisation, when one is given)') })
        .meta({ id: 'PersonSummary' }),
    ),
  })
  .meta({ id: 'PersonList', description: 'A page of people, ordered by id' });

export const PersonSchema = z
  .object({ ...PersonFields, roles: z.array(RoleSchema).describe('Every role held, in date order') })
  .meta({ id: 'Person', description: 'A person and the whole history of their roles' });

export type Person = z.infer<typeof PersonSchema>;
export type PersonSummary = z.infer<typeof PersonListSchema>['items'][number];
