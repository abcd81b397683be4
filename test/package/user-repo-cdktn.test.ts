import { describeUserRepo } from './user-repo-flow';

// cdktn-cli 0.24 needs Node.js >= 22.19: the README's setup installs node@22 into the project and puts it first on PATH.
describeUserRepo('cdktn', 'cdktn');
