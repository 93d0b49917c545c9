import { Global, Module } from '@nestjs/common';
import { JobLeasesRepository } from './job-leases.repository';
import { JobRunner } from './job-runner.service';

@Global()
@Module({
  providers: [
    JobLeasesRepository,
    // A factory, as the runner's optional logger is no provider (tests pass their own).
    {
      provide: JobRunner,
      inject: [JobLeasesRepository],
      useFactory: (leases: JobLeasesRepository) => new JobRunner(leases),
    },
  ],
  exports: [JobRunner],
})
export class JobsModule {}
