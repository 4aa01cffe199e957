import { explain, type FeishuErrorBody } from './explain.js';

const responses: FeishuErrorBody[] = [
  { code: 1002102, msg: 'Talent not exist' },
  { code: 1002108, msg: 'Resume source does not exsit' },
  { code: 99991663, msg: 'Invalid access token for authorization' },
];
for (const body of responses) console.log(explain(body));
