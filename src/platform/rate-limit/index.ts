export { clientIp, type RateLimitBucket } from './rate-limit.buckets';
export { ApiRateLimited, AuthRateLimit, RateLimit, WidgetRateLimit } from './rate-limit.decorators';
export { RateLimitModule } from './rate-limit.module';
export { RateLimiter, SocketEventLimiter, type RateLimitResult } from './rate-limiter.service';
export { WindowCounter } from './window-counter';
