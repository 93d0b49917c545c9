import { z } from 'zod';
import { createZodDto } from '../../platform/http/zod-dto';
import { plainText } from '../auth/auth.dto';

export class RateConversationDto extends createZodDto(
  z.strictObject({
    score: z.number().int().min(1).max(5).describe('1 (very unsatisfied) … 5 (very satisfied)'),
    comment: plainText(1000, 0).optional().describe('Optional words from the visitor'),
  }),
) {}

export const ratingSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  score: z.number().int(),
  comment: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  editableUntil: z.iso.datetime().describe('The visitor can change it until then (7 days)'),
});

export class RatingResponseDto extends createZodDto(ratingSchema) {}

export class ConversationRatingResponseDto extends createZodDto(
  z.object({ rating: ratingSchema.nullable() }),
) {}

export class WidgetRatingStateResponseDto extends createZodDto(
  z.object({
    requested: z.boolean().describe('Resolved with ratings on and not rated yet: show the rating card'),
    editable: z.boolean().describe('A rating can be given or changed now'),
    rating: ratingSchema.nullable(),
  }),
) {}
