import '@cohort-kit/feedback/cohort-feedback.js';
import { seedPreviewFeedback, type PreviewScenario } from '@cohort-kit/feedback/preview-seed.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import {
  DATA_TIMEOUT,
  element,
  expectAnnounced,
  expectProblem,
  type ElementHandle,
} from '@cohort-kit/core/testing/stories.js';

/** Args are the attributes an author writes (kebab-case, as in the manifest's Controls), plus the preview data. */
interface FeedbackArgs {
  space: string;
  round: string;
  reviews: string;
  prompt: string;
  reviewers: 'anonymous' | 'named';
  'submit-by'?: string;
  'review-by'?: string;
  theme: 'light' | 'dark' | 'auto';
  dir?: 'ltr' | 'rtl';
  /** The author's own prompts, as <cohort-prompt> children, in place of the three defaults. */
  customPrompts: boolean;
  scenario: PreviewScenario;
  onCohortShare: (event: Event) => void;
  onCohortReview: (event: Event) => void;
  onCohortRate: (event: Event) => void;
}

const renderFeedback = (args: FeedbackArgs): TemplateResult =>
  html`<div dir=${ifDefined(args.dir)} lang=${args.dir === 'rtl' ? 'ar' : 'en'} style="max-inline-size: 42rem">
    <cohort-feedback
      space=${args.space}
      round=${args.round}
      reviews=${args.reviews}
      prompt=${args.prompt}
      reviewers=${args.reviewers}
      submit-by=${ifDefined(args['submit-by'])}
      review-by=${ifDefined(args['review-by'])}
      theme=${args.theme}
      @cohort-share=${args.onCohortShare}
      @cohort-review=${args.onCohortReview}
      @cohort-rate=${args.onCohortRate}
    >
      ${
        args.customPrompts
          ? html`<cohort-prompt hint="Quote the part you mean, and say why it works." min="60"
                >What works well</cohort-prompt
              >
              <cohort-prompt hint="One question that would make the plan stronger." min="0"
                >A question for the author</cohort-prompt
              >`
          : nothing
      }
    </cohort-feedback>
  </div>`;

/** The round once its data is shown. */
async function shown(canvasElement: HTMLElement): Promise<ElementHandle> {
  const feedback = await element(canvasElement, 'cohort-feedback');
  await waitFor(() => expect(feedback.root.querySelector('.feedback__title')).not.toBeNull(), {
    timeout: DATA_TIMEOUT,
  });
  return feedback;
}

/** "Your next step: …" as the learner reads it, once it says `text`. */
async function expectNextStep(feedback: ElementHandle, text: string) {
  await waitFor(() => expect(feedback.root.querySelector('.feedback__next')).toHaveTextContent(text), {
    timeout: DATA_TIMEOUT,
  });
}

/** `text` shows in the element, once its data has arrived. */
async function expectShown(feedback: ElementHandle, text: string) {
  await waitFor(() => expect(feedback.shadow.getByText(text)).toBeVisible(), { timeout: DATA_TIMEOUT });
}

/** The review cards the learner received, once there are `count`. */
async function receivedReviews(feedback: ElementHandle, count: number): Promise<HTMLElement[]> {
  const cards = () => [...feedback.root.querySelectorAll<HTMLElement>('.reviews article')];
  await waitFor(() => expect(cards()).toHaveLength(count), { timeout: DATA_TIMEOUT });
  return cards();
}

/**
 * Nothing sticks out sideways: the frame does not scroll, and every box stays between the frame's edges (long words
 * and addresses wrap).
 */
async function expectNoSidewaysOverflow(feedback: ElementHandle): Promise<void> {
  const frame = feedback.root.querySelector<HTMLElement>('[part="base"]')!;
  await expect(frame.scrollWidth).toBeLessThanOrEqual(frame.clientWidth);
  const { left, right } = frame.getBoundingClientRect();
  const outside = [...feedback.root.querySelectorAll<HTMLElement>('*')]
    .filter((node) => !node.closest('.visually-hidden') && node.getClientRects().length > 0)
    .filter((node) => {
      const box = node.getBoundingClientRect();
      return box.left < left - 0.5 || box.right > right + 0.5;
    })
    .map((node) => `<${node.localName} class="${node.className}">`);
  await expect(outside).toEqual([]);
}

const PROMPT =
  'Share the first draft of your goal plan: the goal, your first three steps, and how you will know it worked.';
const MINE = 'Goal: give one piece of specific, kind feedback every day.';
const PEER_NAMES = ['Amara Okafor', 'Bruno Díaz', 'Chen Wei', 'Eli Haddad'];

const meta = {
  title: 'Feedback',
  component: 'cohort-feedback',
  render: renderFeedback,
  // Each story seeds its own space in the preview cache (network off: nothing leaves the browser).
  loaders: [async ({ args }) => seedPreviewFeedback(args.space, args.round, args.scenario)],
  args: {
    space: 'story-feedback-empty',
    round: 'goal-plan-draft',
    reviews: '2',
    prompt: PROMPT,
    reviewers: 'anonymous',
    theme: 'light',
    customPrompts: false,
    scenario: 'empty',
    onCohortShare: fn(),
    onCohortReview: fn(),
    onCohortRate: fn(),
  },
  argTypes: {
    reviewers: { control: 'inline-radio', options: ['anonymous', 'named'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    scenario: {
      control: 'select',
      options: [
        'empty',
        'waiting',
        'to-review',
        'reviewing',
        'received',
        'rated',
        'named',
        'custom',
        'closed',
        'facilitator',
        'long',
        'rtl',
      ],
      table: { category: 'preview data' },
    },
    customPrompts: { table: { category: 'markup' } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'A peer-feedback round. Every story runs in preview mode, seeded with local data: work and reviews stay in this browser.',
      },
    },
  },
} satisfies Meta<FeedbackArgs>;

export default meta;
type Story = StoryObj<FeedbackArgs>;

export const NothingShared: Story = {
  name: 'Nothing shared yet',
  args: { space: 'story-feedback-empty', scenario: 'empty' },
  play: async ({ canvasElement }) => {
    const feedback = await shown(canvasElement);
    await expectNextStep(feedback, 'Your next step: share your work.');
    await expect(feedback.shadow.getByText(PROMPT)).toBeVisible();
    await expect(feedback.shadow.getByLabelText('Your work')).toBeVisible();
    await expect(feedback.shadow.getByRole('button', { name: 'Share my work' })).toBeVisible();
  },
};

export const Share: Story = {
  name: 'Sharing work',
  args: { space: 'story-feedback-share', scenario: 'empty' },
  play: async ({ canvasElement, args }) => {
    const feedback = await shown(canvasElement);
    const work = feedback.shadow.getByLabelText('Your work');
    await userEvent.type(work, 'Goal: ask one question in every team meeting.');
    await expect(feedback.shadow.getByText('45 / 5000 characters')).toBeVisible();
    await userEvent.click(feedback.shadow.getByRole('button', { name: 'Share my work' }));
    await expectShown(feedback, 'Your shared work');
    await expect(feedback.shadow.getByText('Goal: ask one question in every team meeting.')).toBeVisible();
    await expect(feedback.shadow.getByText('0 of 2 reviews received')).toBeVisible();
    await expectAnnounced(feedback, 'Your work is shared. Peers will review it.');
    await expect(args.onCohortShare).toHaveBeenCalled();
  },
};

export const SharedAndWaiting: Story = {
  name: 'Shared and waiting for reviews',
  args: { space: 'story-feedback-waiting', scenario: 'waiting' },
  play: async ({ canvasElement }) => {
    const feedback = await shown(canvasElement);
    await expectShown(feedback, 'Your shared work');
    await expect(feedback.shadow.getByText(MINE, { exact: false })).toBeVisible();
    await expect(feedback.shadow.getByText('0 of 2 reviews received')).toBeVisible();
    await expect(feedback.shadow.getByText('No reviews yet.')).toBeVisible();
    // Nobody has started a review: the work can still change or be withdrawn.
    await expect(feedback.shadow.getByRole('button', { name: 'Edit' })).toBeVisible();
    await expect(feedback.shadow.getByRole('button', { name: 'Withdraw' })).toBeVisible();
  },
};

export const ReviewsToGive: Story = {
  name: 'Reviews to give',
  args: { space: 'story-feedback-to-review', scenario: 'to-review' },
  play: async ({ canvasElement, args }) => {
    const feedback = await shown(canvasElement);
    await expectNextStep(feedback, 'review 1 more');
    await expect(feedback.shadow.getByText('You have given 1 of 2 reviews.')).toBeVisible();
    await userEvent.click(feedback.shadow.getByRole('button', { name: 'Review a peer' }));
    const peerWork = await feedback.shadow.findByText(
      /^Goal: /,
      { selector: '.work--peer p' },
      { timeout: DATA_TIMEOUT },
    );
    // Never the learner's own work, never Bruno's (already reviewed).
    await expect(peerWork).not.toHaveTextContent(MINE);
    await expect(peerWork).not.toHaveTextContent('hand over the monthly report');
    await expect(feedback.shadow.getByRole('heading', { name: "A peer's work to review" })).toBeVisible();
    await expectNextStep(feedback, 'finish the review you started');
    await expect(args.onCohortReview).toHaveBeenCalled();
  },
};

export const ReviewInProgress: Story = {
  name: 'Review in progress',
  args: { space: 'story-feedback-reviewing', scenario: 'reviewing' },
  play: async ({ canvasElement }) => {
    const feedback = await shown(canvasElement);
    await expectNextStep(feedback, 'finish the review you started');
    await expect(
      await feedback.shadow.findByText(
        /weekly one-to-one with each of my three reports/,
        {},
        { timeout: DATA_TIMEOUT },
      ),
    ).toBeVisible();
    for (const label of ['I noticed…', 'I learned…', 'I suggest…']) {
      await expect(feedback.shadow.getByLabelText(label)).toBeVisible();
    }
    // Each part's hint asks for location, problem and suggestion, and is read with its field.
    await expect(feedback.shadow.getByLabelText('I noticed…')).toHaveAccessibleDescription(/What is there, and where/);
    await expect(feedback.shadow.getByText(/or the work goes to another reviewer/)).toBeVisible();
    await expect(feedback.shadow.getByRole('button', { name: 'Send review' })).toBeVisible();
  },
};

export const TooShortAnswer: Story = {
  name: 'A too-short answer',
  args: { space: 'story-feedback-too-short', scenario: 'reviewing' },
  play: async ({ canvasElement }) => {
    const feedback = await shown(canvasElement);
    const noticed = (await feedback.shadow.findByLabelText(
      'I noticed…',
      {},
      { timeout: DATA_TIMEOUT },
    )) as HTMLTextAreaElement;
    await userEvent.type(noticed, 'Nice plan.');
    await userEvent.click(feedback.shadow.getByRole('button', { name: 'Send review' }));
    await waitFor(() => expect(noticed).toHaveAttribute('aria-invalid', 'true'));
    await expect(noticed).toHaveAccessibleDescription(/I noticed…: write at least 40 characters \(this has 10\)\./);
    // What was typed stays, and the learner is taken to the field to fix.
    await expect(noticed).toHaveValue('Nice plan.');
    await expect(feedback.root.activeElement).toBe(noticed);
    await expect(feedback.shadow.getByText("A peer's work to review")).toBeVisible();
  },
};

export const FeedbackReceived: Story = {
  name: 'Feedback received (anonymous reviewers)',
  args: { space: 'story-feedback-received', scenario: 'received' },
  play: async ({ canvasElement }) => {
    const feedback = await shown(canvasElement);
    await expectNextStep(feedback, 'read the feedback you received and rate how helpful it was');
    const [first, second] = await receivedReviews(feedback, 2);
    await expect(first).toHaveTextContent('Review 1');
    await expect(first).toHaveTextContent('I noticed…');
    await expect(first).toHaveTextContent('the same two people may get them all');
    await expect(second).toHaveTextContent('ask one person each Friday');
    await expect(within(first!).getByRole('group', { name: 'How helpful was this?' })).toBeVisible();
    // Anonymous: nothing on the screen names who wrote them.
    for (const name of PEER_NAMES)
      await expect(feedback.root.querySelector('[part="base"]')).not.toHaveTextContent(name);
  },
};

export const RateHelpfulness: Story = {
  name: 'Rating how helpful a review was',
  args: { space: 'story-feedback-rate', scenario: 'received' },
  play: async ({ canvasElement, args }) => {
    const feedback = await shown(canvasElement);
    const [first] = await receivedReviews(feedback, 2);
    const card = within(first!);
    await userEvent.click(card.getByRole('button', { name: 'Send rating' }));
    await expect(await card.findByRole('alert')).toHaveTextContent('Choose how helpful it was, from 1 to 5.');
    await userEvent.click(card.getByRole('radio', { name: '4' }));
    await userEvent.type(card.getByLabelText('A thank-you to the reviewer (optional)'), 'The Friday check is perfect.');
    await userEvent.click(card.getByRole('button', { name: 'Send rating' }));
    await waitFor(() => expect(first).toHaveTextContent('Rated 4 of 5 for helpfulness.'), { timeout: DATA_TIMEOUT });
    await expect(first).toHaveTextContent('The Friday check is perfect.');
    await expectAnnounced(feedback, 'Thank you: your rating is sent to the reviewer.');
    await expect(args.onCohortRate).toHaveBeenCalledTimes(1);
  },
};

export const Rated: Story = {
  name: "Rated, and the reviewer's helpfulness",
  args: { space: 'story-feedback-rated', scenario: 'rated' },
  play: async ({ canvasElement }) => {
    const feedback = await shown(canvasElement);
    const [first, second] = await receivedReviews(feedback, 2);
    await expect(first).toHaveTextContent('Rated 5 of 5 for helpfulness.');
    await expect(first).toHaveTextContent('The sticky-note idea is great.');
    await expect(second).toHaveTextContent('Rated 4 of 5 for helpfulness.');
    // As a reviewer: the ratings their own reviews got, and the thanks.
    await expectShown(feedback, "Your reviews' average helpfulness: 4.5 of 5 (2 rated).");
    await expect(feedback.shadow.getByText('This changed how I will hand the report over. Thank you!')).toBeVisible();
    await expectNextStep(feedback, 'All done for this round. Thank you!');
  },
};

export const NamedReviewers: Story = {
  name: 'Named reviewers',
  args: { space: 'story-feedback-named', scenario: 'named', reviewers: 'named' },
  play: async ({ canvasElement }) => {
    const feedback = await shown(canvasElement);
    const [first, second] = await receivedReviews(feedback, 2);
    await expect(first).toHaveTextContent('Review from Amara Okafor');
    await expect(second).toHaveTextContent('Review from Bruno Díaz');
    // The heading names the card, and the name is isolated so a right-to-left name cannot reorder it.
    await expect(first).toHaveAccessibleName('Review from Amara Okafor');
    await expect(first.querySelector('h4 bdi')).toHaveTextContent('Amara Okafor');
  },
};

export const CustomPrompts: Story = {
  name: 'Custom prompts',
  args: { space: 'story-feedback-custom', scenario: 'custom', customPrompts: true },
  play: async ({ canvasElement }) => {
    const feedback = await shown(canvasElement);
    const works = (await feedback.shadow.findByLabelText(
      'What works well',
      {},
      { timeout: DATA_TIMEOUT },
    )) as HTMLElement;
    await expect(works).toHaveAccessibleDescription(/Quote the part you mean/);
    await expect(feedback.shadow.getByLabelText('A question for the author')).toBeVisible();
    await expect(feedback.shadow.queryByLabelText('I noticed…')).toBeNull();
    // Reviews received read under the same prompts.
    const [first] = await receivedReviews(feedback, 2);
    await expect(first).toHaveTextContent('What works well');
    await expect(first).toHaveTextContent('A question for the author');
    await expect(first).toHaveTextContent('Who will notice if you skip a day?');
    // The first prompt asks for 60 characters.
    await userEvent.type(works, 'The second step is strong.');
    await userEvent.click(feedback.shadow.getByRole('button', { name: 'Send review' }));
    await waitFor(() => expect(works).toHaveAccessibleDescription(/write at least 60 characters \(this has 26\)/));
  },
};

export const AfterTheDeadline: Story = {
  name: 'After the deadline',
  args: {
    space: 'story-feedback-closed',
    scenario: 'closed',
    'submit-by': '2026-01-10T17:00:00Z',
    'review-by': '2026-01-17T17:00:00Z',
  },
  play: async ({ canvasElement }) => {
    const feedback = await shown(canvasElement);
    await expectNextStep(feedback, 'This round has closed.');
    await expect(feedback.shadow.getByText('Sharing for this round has closed.')).toBeVisible();
    await expect(feedback.shadow.getByText('Reviewing for this round has closed.')).toBeVisible();
    await expect(feedback.shadow.queryByRole('button', { name: 'Share my work' })).toBeNull();
    await expect(feedback.shadow.queryByRole('button', { name: 'Review a peer' })).toBeNull();
  },
};

export const FacilitatorView: Story = {
  name: 'Facilitator view',
  args: { space: 'story-feedback-facilitator', scenario: 'facilitator' },
  play: async ({ canvasElement }) => {
    const feedback = await shown(canvasElement);
    const round = (await feedback.shadow.findByRole(
      'region',
      { name: 'The round, for facilitators' },
      { timeout: DATA_TIMEOUT },
    )) as HTMLElement;
    const cards = () => [...round.querySelectorAll<HTMLElement>('.round-list > li')];
    await waitFor(() => expect(cards()).toHaveLength(4), { timeout: DATA_TIMEOUT });
    const amara = cards().find((each) => each.textContent!.includes('Amara Okafor'))!;
    // The claims arrive with their own listener, after the work.
    await waitFor(() => expect(amara).toHaveTextContent('Reviewed by Bruno Díaz'), { timeout: DATA_TIMEOUT });
    await expect(amara).toHaveTextContent('Being reviewed by Chen Wei');
    const bruno = cards().find((each) => each.querySelector('.card__heading')!.textContent!.includes('Bruno Díaz'))!;
    await expect(bruno).toHaveTextContent('Claim by Amara Okafor lapsed');
    await expect(within(bruno).getByRole('button', { name: 'Release' })).toBeVisible();
    // Who reviewed whom, in the review itself.
    await userEvent.click(within(amara).getByRole('button', { name: 'Reviews' }));
    await waitFor(() => expect(amara).toHaveTextContent('Review from Bruno Díaz'), { timeout: DATA_TIMEOUT });
    await expect(within(amara).getByRole('button', { name: 'Hide' })).toBeVisible();
  },
};

export const LongText: Story = {
  name: 'Long text',
  args: { space: 'story-feedback-long', scenario: 'long' },
  play: async ({ canvasElement }) => {
    const feedback = await shown(canvasElement);
    await expectShown(feedback, 'Your shared work');
    await receivedReviews(feedback, 1);
    await expectNoSidewaysOverflow(feedback);
  },
};

export const RightToLeft: Story = {
  name: 'Right to left',
  args: { space: 'story-feedback-rtl', scenario: 'rtl', dir: 'rtl', reviewers: 'named' },
  play: async ({ canvasElement }) => {
    const feedback = await shown(canvasElement);
    const [first] = await receivedReviews(feedback, 1);
    await expect(first).toHaveTextContent('تعلمت أن ربط العادة');
    await expect(getComputedStyle(first!).direction).toBe('rtl');
    // The kit's English heading keeps its own order in the right-to-left card: "Review from", then the name.
    const heading = first!.querySelector('h4')!;
    await expect(heading).toHaveTextContent('Review from ليلى حسن');
    const words = document.createRange();
    const texts = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    while (texts.nextNode() && !texts.currentNode.textContent?.includes('Review'));
    words.selectNodeContents(texts.currentNode);
    const name = heading.querySelector('bdi')!.getBoundingClientRect();
    await expect(name.left).toBeGreaterThanOrEqual(words.getBoundingClientRect().right - 1);
    await expect(getComputedStyle(feedback.root.querySelector('[part="base"]')!).direction).toBe('rtl');
    await expectNoSidewaysOverflow(feedback);
  },
};

export const Dark: Story = {
  args: { space: 'story-feedback-dark', scenario: 'received', theme: 'dark' },
  play: async ({ canvasElement }) => {
    const feedback = await shown(canvasElement);
    await expect(getComputedStyle(feedback.root.querySelector('[part="base"]')!).colorScheme).toContain('dark');
    const [first] = await receivedReviews(feedback, 2);
    await expect(first).toHaveTextContent('Review 1');
  },
};

export const WrongReviews: Story = {
  name: 'A wrong reviews attribute',
  args: { space: 'story-feedback-wrong', scenario: 'empty', reviews: '9' },
  play: async ({ canvasElement }) => {
    await expectProblem(canvasElement, 'reviews="9" must be a whole number from 1 to 5.', 'cohort-feedback');
  },
};
