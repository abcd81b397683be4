import { describeUserRepo } from './user-repo-flow';

describeUserRepo('cdktf', 'cdktf');
