import { Global, Module } from '@nestjs/common';
import { GATEWAY_CONFIG, loadGatewayConfig, type GatewayConfig } from './gateway-config.ts';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: GatewayConfig = loadGatewayConfig()) {
    return {
      module: ConfigModule,
      providers: [{ provide: GATEWAY_CONFIG, useValue: config }],
      exports: [GATEWAY_CONFIG],
    };
  }
}
