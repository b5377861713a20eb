import { engagementAt, type SimulatedPost } from './simulate-posts.ts';

export interface EngagementObservation {
  postId: string;
  postedAt: number;
  at: number;
  engagement: number;
}

/** Minutes after publication at which a platform poller re-reads a post's engagement counts. */
export const POLL_OFFSETS_MINUTES = [1, 2, 3, 5, 8, 12, 20, 30, 45, 60, 90, 120, 180];

/**
 * Replays the engagement counts a poller would see for time-sorted posts: `poll(now)` returns every
 * observation due since the previous call. One cursor per offset keeps it O(observations).
 */
export function createEngagementPoller(posts: SimulatedPost[], offsetsMinutes = POLL_OFFSETS_MINUTES) {
  const cursors = offsetsMinutes.map(() => 0);
  return {
    poll(now: number): EngagementObservation[] {
      const due: EngagementObservation[] = [];
      offsetsMinutes.forEach((offset, k) => {
        const offsetMs = offset * 60_000;
        let cursor = cursors[k]!;
        while (cursor < posts.length && posts[cursor]!.at + offsetMs <= now) {
          const post = posts[cursor]!;
          due.push({
            postId: post.id,
            postedAt: post.at,
            at: post.at + offsetMs,
            engagement: engagementAt(post, post.at + offsetMs),
          });
          cursor++;
        }
        cursors[k] = cursor;
      });
      return due.sort((a, b) => a.at - b.at);
    },
  };
}
