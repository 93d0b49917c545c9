import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { jwtKey } from '../../platform/crypto';
import { APP_CONFIG } from '../../config/config.module';
import { durationMs } from '../../config/duration';
import type { AppConfig } from '../../config/env.schema';
import { AccessTokenService } from './access-token.service';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: jwtKey(config.JWT_SECRET),
        signOptions: { expiresIn: Math.floor(durationMs(config.JWT_EXPIRES_IN) / 1000), algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthRepository,
    AuthService,
    AccessTokenService,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [AccessTokenService, AuthService, JwtModule],
})
export class AuthModule {}
