import 'reflect-metadata';
import { describe, it } from 'node:test';
import { expect } from 'expect';
import { RouteConfig } from '@nestjs/platform-fastify';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import { IS_PUBLIC } from '../auth/auth-user';
import { RouteKind, WidgetApi } from './route-kind';

const routeConfig = (handler: object): unknown => Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler);

describe('@RouteKind', () => {
  it("puts a controller's kind in the Fastify route config of each of its methods", () => {
    @RouteKind('web-asset')
    class Assets {
      script(): void {}
      console(): void {}
    }
    expect(routeConfig(Assets.prototype.script)).toEqual({ routeKind: 'web-asset' });
    expect(routeConfig(Assets.prototype.console)).toEqual({ routeKind: 'web-asset' });
  });

  it("lets a method's own kind win over its controller's, and keeps the rest of its route config", () => {
    @RouteKind('admin-api')
    class Mixed {
      @RouteKind('widget-api')
      @RouteConfig({ cors: false })
      widget(): void {}
      admin(): void {}
    }
    expect(routeConfig(Mixed.prototype.widget)).toEqual({ cors: false, routeKind: 'widget-api' });
    expect(routeConfig(Mixed.prototype.admin)).toEqual({ routeKind: 'admin-api' });
  });
});

describe('@WidgetApi', () => {
  it('declares widget-api and exempts the routes from the agent JWT guard', () => {
    @WidgetApi()
    class Widget {
      config(): void {}
    }
    class Shared {
      @WidgetApi()
      history(): void {}
    }
    expect(routeConfig(Widget.prototype.config)).toEqual({ routeKind: 'widget-api' });
    expect(Reflect.getMetadata(IS_PUBLIC, Widget)).toBe(true);
    expect(routeConfig(Shared.prototype.history)).toEqual({ routeKind: 'widget-api' });
    expect(Reflect.getMetadata(IS_PUBLIC, Shared.prototype.history)).toBe(true);
  });
});
