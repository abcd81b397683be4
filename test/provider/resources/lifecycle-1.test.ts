/** The lifecycle tests derived from the managed kinds' examples, shared by two files so that jest's two workers run them side by side. */
import { lifecycleTests } from './acceptance';

lifecycleTests(1, 2);
