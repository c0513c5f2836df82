/**
 * Real-format payloads written from each provider's documented format (RSS 2.0 spec, RFC 4287 Atom,
 * Reddit's Listing/t3 JSON, CryptoPanic's developer API v1 posts, alternative.me's /fng/), with
 * plausible content. The hostile variants are built from them.
 */

export const RSS_FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Crypto Markets Wire</title>
    <link>https://news.example.com/markets</link>
    <description>Market news</description>
    <language>en-us</language>
    <lastBuildDate>Mon, 07 Dec 2026 09:40:00 GMT</lastBuildDate>
    <atom:link href="https://news.example.com/markets/rss" rel="self" type="application/rss+xml"/>
    <item>
      <title>Bitcoin climbs above $98,000 as ETF inflows &amp; futures open interest rise</title>
      <link>https://news.example.com/markets/2026/12/07/bitcoin-climbs-etf-inflows</link>
      <guid isPermaLink="false">cmw-2026-12-07-0931</guid>
      <pubDate>Mon, 07 Dec 2026 09:31:00 GMT</pubDate>
      <dc:creator>Markets Desk</dc:creator>
      <description><![CDATA[<p>Spot bitcoin ETFs took in <b>$412m</b> on Friday.</p>]]></description>
    </item>
    <item>
      <title><![CDATA[Ether slips 3% after <em>Dencun</em>-style upgrade delay]]></title>
      <link>https://news.example.com/markets/2026/12/07/ether-slips-upgrade-delay</link>
      <guid>https://news.example.com/markets/2026/12/07/ether-slips-upgrade-delay</guid>
      <pubDate>Mon, 07 Dec 2026 08:05:12 +0000</pubDate>
    </item>
    <item>
      <title>Regulators publish ETHICS guidance for exchanges &#8212; no token named</title>
      <link>https://news.example.com/policy/2026/12/07/ethics-guidance</link>
      <pubDate>Mon, 07 Dec 2026 07:50:00 GMT</pubDate>
    </item>
    <item>
      <title>Reliance Industries shares rise 2% on retail unit listing report</title>
      <link>https://news.example.com/india/2026/12/07/reliance-retail</link>
      <guid isPermaLink="false">cmw-2026-12-07-0712</guid>
      <pubDate>Mon, 07 Dec 2026 07:12:00 GMT</pubDate>
    </item>
  </channel>
</rss>
`;

export const ATOM_FEED = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Chain Desk</title>
  <id>urn:uuid:4c1e1a5e-8f4d-4f3a-9f7e-1b2a3c4d5e6f</id>
  <updated>2026-12-07T09:45:00Z</updated>
  <link rel="self" href="https://chaindesk.example.org/atom.xml"/>
  <entry>
    <title type="html">$BTC hashrate hits record &lt;b&gt;ahead of&lt;/b&gt; difficulty adjustment</title>
    <link rel="alternate" type="text/html" href="https://chaindesk.example.org/p/btc-hashrate-record"/>
    <id>tag:chaindesk.example.org,2026:post-8812</id>
    <updated>2026-12-07T09:20:00Z</updated>
    <published>2026-12-07T09:15:00Z</published>
    <summary>Miners keep adding capacity.</summary>
  </entry>
  <entry>
    <title>Bitcoin climbs above $98,000 as ETF inflows &amp; futures open interest rise</title>
    <link href="https://chaindesk.example.org/p/bitcoin-98k"/>
    <id>tag:chaindesk.example.org,2026:post-8809</id>
    <updated>2026-12-07T09:33:00Z</updated>
  </entry>
  <entry>
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Solana validators ship <i>v2.1</i> client</div></title>
    <link rel="alternate" href="https://chaindesk.example.org/p/solana-v21"/>
    <id>tag:chaindesk.example.org,2026:post-8801</id>
    <updated>2026-12-07T08:00:00Z</updated>
  </entry>
</feed>
`;

export const REDDIT_LISTING = JSON.stringify({
  kind: 'Listing',
  data: {
    after: 't3_1h8zq2k',
    dist: 2,
    modhash: '',
    geo_filter: null,
    before: null,
    children: [
      {
        kind: 't3',
        data: {
          subreddit: 'CryptoCurrency', selftext: '', author_fullname: 't2_8xk2m', title: 'ETH staking withdrawals spike after the Pectra upgrade',
          subreddit_name_prefixed: 'r/CryptoCurrency', name: 't3_1h8zt9d', score: 154, upvote_ratio: 0.93, ups: 154,
          created_utc: 1796635200.0, domain: 'self.CryptoCurrency', id: '1h8zt9d', num_comments: 87, over_18: false,
          permalink: '/r/CryptoCurrency/comments/1h8zt9d/eth_staking_withdrawals_spike_after_the_pectra/',
          url: 'https://www.reddit.com/r/CryptoCurrency/comments/1h8zt9d/eth_staking_withdrawals_spike_after_the_pectra/',
        },
      },
      {
        kind: 't3',
        data: {
          subreddit: 'CryptoCurrency', selftext: 'Thoughts?', author_fullname: 't2_3jq1a', title: 'Is the $BTC short squeeze over? Funding flipped negative',
          subreddit_name_prefixed: 'r/CryptoCurrency', name: 't3_1h8zq2k', score: 41, upvote_ratio: 0.81, ups: 41,
          created_utc: 1796634000.0, domain: 'self.CryptoCurrency', id: '1h8zq2k', num_comments: 19, over_18: false,
          permalink: '/r/CryptoCurrency/comments/1h8zq2k/is_the_btc_short_squeeze_over/',
          url: 'https://www.reddit.com/r/CryptoCurrency/comments/1h8zq2k/is_the_btc_short_squeeze_over/',
        },
      },
    ],
  },
});

export const CRYPTOPANIC_PAGE = JSON.stringify({
  count: 2,
  next: 'https://cryptopanic.com/api/v1/posts/?auth_token=REDACTED&page=2',
  previous: null,
  results: [
    {
      kind: 'news', domain: 'coindesk.com',
      source: { title: 'CoinDesk', region: 'en', domain: 'coindesk.com', path: null },
      title: 'Exchange hack drains $40M in ETH and USDC from hot wallet',
      published_at: '2026-12-07T09:25:41Z', slug: 'Exchange-hack-drains-40M-in-ETH-and-USDC-from-hot-wallet', id: 21877345,
      url: 'https://cryptopanic.com/news/21877345/Exchange-hack-drains-40M-in-ETH-and-USDC-from-hot-wallet',
      created_at: '2026-12-07T09:25:41Z',
      votes: { negative: 12, positive: 1, important: 9, liked: 0, disliked: 3, lol: 0, toxic: 2, saved: 4, comments: 1 },
      currencies: [
        { code: 'ETH', title: 'Ethereum', slug: 'ethereum', url: 'https://cryptopanic.com/news/ethereum/' },
        { code: 'USDC', title: 'USD Coin', slug: 'usd-coin', url: 'https://cryptopanic.com/news/usd-coin/' },
      ],
    },
    {
      kind: 'news', domain: 'theblock.co',
      source: { title: 'The Block', region: 'en', domain: 'theblock.co', path: null },
      title: 'Solana DEX volume tops $5B for third straight day',
      published_at: '2026-12-07T08:58:02Z', slug: 'Solana-DEX-volume-tops-5B-for-third-straight-day', id: 21877102,
      url: 'https://cryptopanic.com/news/21877102/Solana-DEX-volume-tops-5B-for-third-straight-day',
      created_at: '2026-12-07T08:58:02Z',
      votes: { negative: 0, positive: 5, important: 2, liked: 3, disliked: 0, lol: 0, toxic: 0, saved: 1, comments: 0 },
    },
  ],
});

export const FEAR_GREED = JSON.stringify({
  name: 'Fear and Greed Index',
  data: [{ value: '72', value_classification: 'Greed', timestamp: '1796601600', time_until_update: '41230' }],
  metadata: { error: null },
});
