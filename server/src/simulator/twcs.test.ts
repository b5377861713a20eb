import { describe, expect, it } from 'vitest';
import { parseCsvRecords, parseTwcsCsv, parseTwitterDate } from './twcs-csv.ts';
import { assignBrands, compareGrouping, expectedConversations, replayOrder } from './twcs-grouping.ts';
import { brandUserId } from './twcs-replay.ts';

// A tiny file in the pandas-written TWCS shape, with the awkward cases of the real one.
const CSV = [
  ',tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id',
  '0,1,AcmeHelp,False,Tue Oct 31 22:10:47 +0000 2017,"@501 Sorry, please DM us ""your order"".",2,3.0',
  '1,2,501,True,Tue Oct 31 22:11:45 +0000 2017,@AcmeHelp done,,1.0',
  '2,3,501,True,Tue Oct 31 22:08:27 +0000 2017,"@AcmeHelp line one\nline two",1,',
  '3,4,502,True,Tue Oct 31 21:00:00 +0000 2017,@AcmeHelp \r\rbare CR inside,5,',
  '4,5,AcmeHelp,False,Tue Oct 31 21:05:00 +0000 2017,@502 On it,,4.0',
  '5,6,501,True,Wed Nov 01 08:00:00 +0000 2017,@AcmeHelp new problem today,,\r',
  '6,7,503,True,Wed Nov 01 09:00:00 +0000 2017,@OtherCo @AcmeHelp anyone?,8,',
  '7,8,OtherCo,False,Wed Nov 01 09:01:00 +0000 2017,@503 Hi!,,7.0',
  '8,9,504,True,Wed Nov 01 10:00:00 +0000 2017,@AcmeHelp replying to an old tweet,,99.0',
  '9,10,505,True,Wed Nov 01 11:00:00 +0000 2017,@AcmeHelp app down?,11,',
  '10,11,506,True,Wed Nov 01 11:05:00 +0000 2017,@505 @AcmeHelp same here,,10.0',
  '11,12,506,True,Wed Nov 01 11:10:00 +0000 2017,@AcmeHelp and my order is late,,',
  '',
].join('\n');

describe('TWCS CSV', () => {
  it('parses quoted fields, doubled quotes, embedded newlines, a bare CR and CRLF', () => {
    const records = parseCsvRecords('a,"b, ""c""\nd",e\r\nf,g\rh,i\n');
    expect(records).toEqual([
      ['a', 'b, "c"\nd', 'e'],
      ['f', 'g\rh', 'i'],
    ]);
  });

  it('reads the rows: index column ignored, float ids normalised, response lists split', () => {
    const tweets = parseTwcsCsv(CSV);
    expect(tweets).toHaveLength(12);
    expect(tweets[0]).toEqual({
      tweetId: '1',
      authorId: 'AcmeHelp',
      isInbound: false,
      createdAt: new Date('2017-10-31T22:10:47Z'),
      text: '@501 Sorry, please DM us "your order".',
      responseTweetIds: ['2'],
      inResponseToTweetId: '3',
    });
    expect(tweets[2]?.text).toBe('@AcmeHelp line one\nline two');
    expect(tweets[3]?.text).toBe('@AcmeHelp \r\rbare CR inside');
    expect(tweets[6]?.responseTweetIds).toEqual(['8']);
    expect(tweets[5]?.inResponseToTweetId).toBeUndefined();
  });

  it('reads Twitter dates with their offset', () => {
    expect(parseTwitterDate('Tue Oct 31 22:10:47 -0130 2017')).toEqual(new Date('2017-10-31T23:40:47Z'));
    expect(() => parseTwitterDate('2017-10-31')).toThrow();
  });
});

describe('expected grouping', () => {
  const tweets = parseTwcsCsv(CSV);
  const brandOf = assignBrands(tweets);
  const ordered = replayOrder(tweets);
  const expected = expectedConversations(ordered, brandOf);

  it('sends each customer tweet to the brand that answers its chain, else the brand it mentions', () => {
    expect(brandOf.get('3')).toBe('AcmeHelp');
    expect(brandOf.get('7')).toBe('OtherCo'); // answered by OtherCo although it mentions both
    expect(brandOf.get('9')).toBe('AcmeHelp'); // unanswered: the known brand it mentions
  });

  it('joins reply chains, then the same customer on the same channel, in time order', () => {
    expect(ordered.map((t) => t.tweetId)).toEqual([
      '4',
      '5',
      '3',
      '1',
      '2',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
    ]);
    expect(expected.conversations).toEqual([
      ['4', '5'], // 502 and the brand's answer
      ['3', '1', '2', '6'], // 501's chain; tweet 6 replies to nothing but 501 has an open conversation
      ['7', '8'],
      ['9'], // a reply to a tweet not in the file starts its own conversation
      ['10', '11'], // 506 joins 505's thread by replying in it…
      ['12'], // …but that is not 506's conversation: their next unthreaded tweet starts one
    ]);
  });

  it('compares what Parley stored: lost, doubled, misthreaded and misordered', () => {
    const ids = new Set(tweets.map((t) => t.tweetId));
    const perfect = compareGrouping(expected, expected.conversations, ids);
    expect(perfect).toEqual({
      conversations_expected: 6,
      conversations_found: 6,
      messages_lost: 0,
      messages_doubled: 0,
      misthreaded: 0,
      misordered: 0,
    });
    const broken = compareGrouping(
      expected,
      [
        ['4', '5'],
        ['3', '1'],
        ['2', '6', '6'],
        ['8', '7'],
        ['10', '11', '12'],
      ],
      ids,
    );
    expect(broken).toMatchObject({
      conversations_found: 5,
      messages_lost: 1,
      messages_doubled: 1,
      misthreaded: 7,
      misordered: 1,
    });
  });

  it('gives each brand a stable numeric X user id', () => {
    expect(brandUserId('AcmeHelp')).toMatch(/^9\d{18}$/);
    expect(brandUserId('acmehelp')).toBe(brandUserId('AcmeHelp'));
    expect(brandUserId('OtherCo')).not.toBe(brandUserId('AcmeHelp'));
  });
});
